package io.agentfoundry.platform.messaging;

import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.EventType;
import io.agentfoundry.events.JobRetried;
import io.agentfoundry.events.PipelineEvent;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.events.StepFailed;
import io.agentfoundry.platform.config.PlatformConfig;
import io.agentfoundry.platform.domain.Failure;
import io.agentfoundry.platform.domain.StepExecution;
import io.agentfoundry.platform.service.CancelledJobs;
import io.agentfoundry.platform.service.InfrastructureFaults;
import io.agentfoundry.platform.service.InfrastructurePause;
import io.agentfoundry.platform.service.JobLogger;
import io.agentfoundry.platform.service.StepExecutions;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a pipeline step, the same way in every service, as short transactions around work that runs outside any:
 * <ol>
 *   <li>claim the event (a redelivery is skipped) and record the step RUNNING, with a lease for this instance and the
 *   attempt counted, in one transaction; the record is then acknowledged;</li>
 *   <li>do the work on a worker of this instance (at most {@code step.concurrency} at once), renewing the lease;</li>
 *   <li>store the result, mark the step SUCCEEDED and put the output event in the outbox, in a second transaction,
 *   only if this attempt still holds the step.</li>
 * </ol>
 * A {@link Failure} fails the step with {@code StepFailed}; an unexpected error is tried again, then fails
 * it with a retryable {@code UNEXPECTED_ERROR}. A database that cannot be reached is waited for, never counted. An
 * expired lease (its owner died) is taken over from the stored input; after {@code step.max-crashes} such crashes the
 * step fails with {@code STEP_CRASHED}. A retry ({@code JobRetried}) starts a new attempt from the stored input and
 * fences off any attempt still running: each write of an attempt first checks that it still holds the step. No step
 * starts for a cancelled job.
 */
@ApplicationScoped
public class StepRunner {

    public static final String UNEXPECTED_ERROR = "UNEXPECTED_ERROR";
    public static final String STEP_CRASHED = "STEP_CRASHED";
    public static final String INPUT_NOT_STORED = "INPUT_NOT_STORED";
    private static final Logger LOG = Logger.getLogger(StepRunner.class);

    /** The work of a step: turn the input event into the output event. */
    @FunctionalInterface
    public interface StepWork<I extends PipelineEvent> {
        PipelineEvent perform(I input, StepContext context);
    }

    /** An attempt this instance works on. */
    private record Attempt(Step<?> step, UUID jobId, int number, PipelineEvent input, Instant startedAt) {
    }

    private final IdempotentConsumer consumer;
    private final StepExecutions steps;
    private final OutboxWriter outbox;
    private final JobLogger log;
    private final CancelledJobs cancelled;
    private final StepInputs stepInputs;
    private final InfrastructureFaults faults;
    private final InfrastructurePause pause;
    private final PlatformConfig config;
    private final String owner;
    private final Map<PipelineStep, Step<?>> definitions = new ConcurrentHashMap<>();
    private final Map<UUID, Attempt> inFlight = new ConcurrentHashMap<>();
    private final Semaphore slots;
    private final ExecutorService workers;
    private final ScheduledExecutorService renewal;
    private final ScheduledExecutorService takeovers;
    private volatile boolean stopping;

    StepRunner(IdempotentConsumer consumer, StepExecutions steps, OutboxWriter outbox, JobLogger log,
               CancelledJobs cancelled, StepInputs stepInputs, InfrastructureFaults faults, InfrastructurePause pause,
               PlatformConfig config) {
        this.consumer = consumer;
        this.steps = steps;
        this.outbox = outbox;
        this.log = log;
        this.cancelled = cancelled;
        this.stepInputs = stepInputs;
        this.faults = faults;
        this.pause = pause;
        this.config = config;
        this.owner = config.serviceName() + "@" + ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
        int concurrency = Math.max(1, config.step().concurrency());
        this.slots = new Semaphore(concurrency);
        AtomicInteger workerNumber = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(concurrency, runnable -> daemon(runnable,
                "step-worker-" + workerNumber.incrementAndGet()));
        this.renewal = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "step-lease-renewal"));
        this.takeovers = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "step-takeovers"));
    }

    /** A step of this service: the topic's handler passes each input to {@link #receive}. */
    public final class Step<I extends PipelineEvent> {
        private final PipelineStep step;
        private final Class<I> inputType;
        private final StepWork<I> work;

        private Step(PipelineStep step, Class<I> inputType, StepWork<I> work) {
            this.step = step;
            this.inputType = inputType;
            this.work = work;
        }

        /** Decodes the record as the step's input and starts the step on it. */
        public void receive(InboundRecord record) {
            start(EventCodec.decode(record.value(), inputType));
        }

        /**
         * Claims the event and records the step RUNNING, then hands the work to a worker and returns: the caller may
         * acknowledge the record. Waits for a free worker first. A redelivered event, or one of a cancelled job,
         * starts nothing.
         */
        public void start(I input) {
            acquireSlot();
            boolean handedOver = false;
            try {
                Optional<Attempt> attempt = QuarkusTransaction.requiringNew().call(() -> begin(this, input));
                if (attempt.isPresent()) {
                    handedOver = launch(attempt.get(), "started");
                }
            } finally {
                if (!handedOver) {
                    slots.release();
                }
            }
        }

        @SuppressWarnings("unchecked")
        private PipelineEvent perform(PipelineEvent input, StepContext context) {
            return work.perform((I) input, context);
        }

        private String name() {
            return step.name().toLowerCase();
        }
    }

    public <I extends PipelineEvent> Step<I> define(PipelineStep step, Class<I> inputType, StepWork<I> work) {
        Step<I> defined = new Step<>(step, inputType, work);
        if (definitions.putIfAbsent(step, defined) != null) {
            throw new IllegalStateException(step + " is defined already in " + config.serviceName());
        }
        stepInputs.define(EventType.of(inputType).topic(), step);
        return defined;
    }

    void start(@Observes StartupEvent started) {
        long renewMillis = Math.max(100, config.step().lease().toMillis() / 3);
        renewal.scheduleWithFixedDelay(this::renewLeases, renewMillis, renewMillis, TimeUnit.MILLISECONDS);
        long takeoverMillis = Math.max(100, config.step().takeoverInterval().toMillis());
        takeovers.scheduleWithFixedDelay(this::takeOverExpiredLeases, Math.min(1_000, takeoverMillis), takeoverMillis,
                TimeUnit.MILLISECONDS);
    }

    /** Lets work in hand finish for a while, then hands back the leases of what still runs. */
    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        takeovers.shutdownNow();
        workers.shutdown();
        try {
            workers.awaitTermination(config.step().shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        renewal.shutdownNow();
        for (Attempt attempt : inFlight.values()) {
            handBack(attempt, "still running at shutdown");
        }
    }

    /** Gives the attempt's lease back, so that its step is taken over at once (by any instance, this one included). */
    private void handBack(Attempt attempt, String why) {
        try {
            QuarkusTransaction.requiringNew().run(() -> steps.handBack(attempt.jobId(), owner, attempt.number()));
            LOG.infof("Handed back %s of job %s (attempt %d): %s", attempt.step().name(), attempt.jobId(),
                    attempt.number(), why);
        } catch (RuntimeException e) {
            LOG.warnf("Could not hand back %s of job %s; its lease expires by itself (%s)", attempt.step().name(),
                    attempt.jobId(), e.toString());
        }
    }

    /** Thrown to a consumer once the service is shutting down: its record is read again after the restart. */
    public static final class ShuttingDown extends RuntimeException {
        ShuttingDown() {
            super("The service is shutting down; the record is read again when it is back");
        }
    }

    /**
     * Lifts the job's cancellation and, when the retried step is this service's, starts it again from the input it
     * stored, as a new attempt that fences off any attempt still running.
     */
    public void retry(JobRetried retried) {
        Step<?> step = definitions.get(retried.step());
        if (step == null) {
            consumer.processOnce(retried, () -> cancelled.resume(retried.jobId(), retried.occurredAt()));
            return;
        }
        acquireSlot();
        boolean handedOver = false;
        try {
            String[] why = new String[1];
            Optional<Attempt> attempt = QuarkusTransaction.requiringNew().call(() -> {
                if (!consumer.claim(retried)) {
                    return Optional.<Attempt>empty();
                }
                cancelled.resume(retried.jobId(), retried.occurredAt());
                if (cancelled.isCancelled(retried.jobId())) {
                    why[0] = "not run: the job was cancelled after this retry";
                    return Optional.<Attempt>empty();
                }
                StepExecution execution = steps.lock(retried.jobId());
                if (execution == null) {
                    why[0] = "retried before its input arrived here; it starts when it does";
                    return Optional.<Attempt>empty();
                }
                if (execution.inputEvent == null) {
                    // the input never reached the step (dead-lettered) or was not kept (before 0.3): say so, do not hang
                    String message = DeadLetterWriter.DEAD_LETTERED.equals(execution.errorCode)
                            ? "Its input was dead-lettered, so there is nothing to run it from: replay the dead letter"
                            + " (GET /api/dead-letters?jobId=" + retried.jobId() + ")"
                            : "This service has no stored input for the step, so it cannot run it again";
                    execution.attempts++;
                    failStep(execution, INPUT_NOT_STORED, message, false);
                    why[0] = "failed [" + INPUT_NOT_STORED + "]: " + message;
                    return Optional.<Attempt>empty();
                }
                PipelineEvent input = storedInput(execution);
                StepExecution begun = steps.begin(retried.jobId(), step.step, input, owner, config.step().lease());
                return Optional.of(new Attempt(step, retried.jobId(), begun.attempts, input, begun.startedAt));
            });
            if (attempt.isPresent()) {
                handedOver = launch(attempt.get(), "retried by " + retried.retriedBy() + ":");
            } else if (why[0] != null) {
                log.info(retried.jobId(), step.step, step.name() + " " + why[0]);
            }
        } finally {
            if (!handedOver) {
                slots.release();
            }
        }
    }

    /** Transaction 1: claim, and record the step RUNNING with this instance's lease. */
    private Optional<Attempt> begin(Step<?> step, PipelineEvent input) {
        if (!consumer.claim(input)) {
            return Optional.empty();
        }
        if (cancelled.isCancelled(input.jobId())) {
            steps.skipCancelled(input.jobId(), step.step, input);
            log.info(input.jobId(), step.step, step.name() + " not started: the job was cancelled");
            return Optional.empty();
        }
        StepExecution execution = steps.begin(input.jobId(), step.step, input, owner, config.step().lease());
        return Optional.of(new Attempt(step, input.jobId(), execution.attempts, input, execution.startedAt));
    }

    /**
     * Hands the attempt to a worker; false when none takes it (the service is stopping), in which case its lease is
     * handed back for the next instance.
     */
    private boolean launch(Attempt attempt, String how) {
        inFlight.put(attempt.jobId(), attempt);
        try {
            workers.execute(() -> work(attempt));
        } catch (RuntimeException rejected) {
            inFlight.remove(attempt.jobId(), attempt);
            handBack(attempt, "no worker took it: " + rejected);
            return false;
        }
        try {
            log.info(attempt.jobId(), attempt.step().step, attempt.step().name() + " " + how + " (attempt "
                    + attempt.number() + ")");
        } catch (RuntimeException e) {
            LOG.warnf("Could not log the start of %s of job %s: %s", attempt.step().name(), attempt.jobId(), e);
        }
        return true;
    }

    /** Step 2 and 3, on a worker. */
    private void work(Attempt first) {
        Attempt attempt = first;
        String who = "worker " + attempt.step().name() + " " + attempt.jobId();
        boolean ended = false;
        try {
            int failures = 0;
            long backoff = config.consumer().initialBackoff().toMillis();
            boolean paused = false;
            while (true) {
                UUID jobId = attempt.jobId();
                StepContext context = new StepContext(jobId, attempt.step().step, attempt.number(),
                        attempt.startedAt(), () -> cancelledMeanwhile(jobId));
                try {
                    PipelineEvent output = attempt.step().perform(attempt.input(), context);
                    succeed(attempt, context, output, who);
                    ended = true;
                    return;
                } catch (Failure failure) {
                    fail(attempt, failure.errorCode(), failure.getMessage(), failure.retryable(), who);
                    ended = true;
                    return;
                } catch (RuntimeException e) {
                    if (faults.isInfrastructureFault(e)) {
                        // nobody's fault: the same attempt goes on once the database answers
                        pause.pausedBy(who, e);
                        paused = true;
                        sleep(backoff);
                        backoff = Math.min(backoff * 2, config.consumer().maxBackoff().toMillis());
                        if (faults.databaseReachable()) {
                            pause.resumed(who);
                            paused = false;
                        }
                        continue;
                    }
                    if (paused) {
                        pause.resumed(who);
                        paused = false;
                    }
                    failures++;
                    if (failures >= Math.max(1, config.consumer().maxAttempts())) {
                        fail(attempt, UNEXPECTED_ERROR, describe(e), true, who);
                        ended = true;
                        return;
                    }
                    LOG.warnf(e, "%s of job %s, attempt %d, failed unexpectedly; trying again", attempt.step().name(),
                            jobId, attempt.number());
                    log.warn(jobId, attempt.step().step, attempt.step().name() + " attempt " + attempt.number()
                            + " failed (" + describe(e) + "); trying again");
                    sleep(backoff);
                    backoff *= 2;
                    Optional<Attempt> next = nextAttempt(attempt, who);
                    if (next.isEmpty()) {
                        ended = true;
                        return;
                    }
                    // a retry may have started a newer attempt meanwhile: that one stays in flight
                    inFlight.replace(jobId, attempt, next.get());
                    attempt = next.get();
                    log.info(jobId, attempt.step().step, attempt.step().name() + " started (attempt "
                            + attempt.number() + ")");
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "The worker on %s of job %s stopped without an outcome", attempt.step().name(),
                    attempt.jobId());
        } finally {
            pause.resumed(who);
            inFlight.remove(attempt.jobId(), attempt);
            if (!ended) {
                // no outcome, but the lease is still ours: give it back, so that the step is taken over at once
                handBack(attempt, "its worker stopped without an outcome");
            }
            slots.release();
        }
    }

    /** Transaction 2: the result, SUCCEEDED and the output event, if this attempt still holds the step. */
    private void succeed(Attempt attempt, StepContext context, PipelineEvent output, String who) {
        boolean stored = pause.untilAvailable(who, () -> QuarkusTransaction.requiringNew().call(() -> {
            StepExecution execution = steps.lock(attempt.jobId());
            if (execution == null || !execution.heldBy(owner, attempt.number())) {
                return false;
            }
            context.runSuccessActions();
            steps.succeed(execution, output);
            outbox.append(output);
            return true;
        }));
        if (stored) {
            log.info(attempt.jobId(), attempt.step().step, attempt.step().name() + " succeeded: "
                    + EventType.of(output).cloudEventType());
        } else {
            discarded(attempt, "its result");
        }
    }

    private void fail(Attempt attempt, String errorCode, String message, boolean retryable, String who) {
        boolean stored = pause.untilAvailable(who, () -> QuarkusTransaction.requiringNew().call(() -> {
            StepExecution execution = steps.lock(attempt.jobId());
            if (execution == null || !execution.heldBy(owner, attempt.number())) {
                return false;
            }
            failStep(execution, errorCode, message, retryable);
            return true;
        }));
        if (stored) {
            log.error(attempt.jobId(), attempt.step().step, attempt.step().name() + " failed [" + errorCode + "]: "
                    + message);
        } else {
            discarded(attempt, "its failure [" + errorCode + "]");
        }
    }

    private void failStep(StepExecution execution, String errorCode, String message, boolean retryable) {
        steps.fail(execution.jobId, execution.step, execution.inputEventId, execution.attempts, errorCode, message);
        outbox.append(new StepFailed(UUID.randomUUID(), execution.jobId, execution.inputEventId, Instant.now(),
                EventType.CURRENT_SCHEMA_VERSION, execution.step, errorCode, message, retryable, execution.attempts));
    }

    private void discarded(Attempt attempt, String what) {
        log.warn(attempt.jobId(), attempt.step().step, attempt.step().name() + " attempt " + attempt.number()
                + " ended, but " + what + " was discarded: a later attempt has the step now");
    }

    private Optional<Attempt> nextAttempt(Attempt attempt, String who) {
        return pause.untilAvailable(who, () -> QuarkusTransaction.requiringNew().call(() -> {
            StepExecution execution = steps.lock(attempt.jobId());
            if (execution == null || !execution.heldBy(owner, attempt.number())) {
                return Optional.<Attempt>empty();
            }
            StepExecution resumed = steps.resume(execution, owner, config.step().lease());
            return Optional.of(new Attempt(attempt.step(), attempt.jobId(), resumed.attempts, attempt.input(),
                    attempt.startedAt()));
        }));
    }

    /** The work's cancellation check: an outage answers no, so that it does not stop the work. */
    private boolean cancelledMeanwhile(UUID jobId) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> cancelled.isCancelled(jobId));
        } catch (RuntimeException e) {
            if (InfrastructureFaults.saysDatabaseUnreachable(e)) {
                return false;
            }
            throw e;
        }
    }

    private void renewLeases() {
        try {
            List<Attempt> attempts = new ArrayList<>(inFlight.values());
            if (!attempts.isEmpty()) {
                List<Attempt> lost = QuarkusTransaction.requiringNew().call(() -> attempts.stream()
                        .filter(attempt -> !steps.renew(attempt.jobId(), owner, attempt.number(), config.step().lease()))
                        .toList());
                lost.forEach(attempt -> LOG.infof("%s of job %s, attempt %d, no longer holds its lease: a retry or "
                        + "another instance has it; its outcome will be discarded", attempt.step().name(),
                        attempt.jobId(), attempt.number()));
            }
        } catch (RuntimeException e) {
            // the database is away: the lease runs on until it answers again, or expires
            LOG.debugf("Renewing leases failed: %s", e.toString());
        }
    }

    /** Steps whose owner stopped renewing their lease: resumed here, or failed after too many crashes. */
    private void takeOverExpiredLeases() {
        if (stopping || definitions.isEmpty()) {
            return;
        }
        int free = slots.availablePermits();
        if (free == 0) {
            return;
        }
        try {
            List<Runnable> afterCommit = new ArrayList<>();
            List<Attempt> resumed = QuarkusTransaction.requiringNew().call(() -> {
                List<Attempt> taken = new ArrayList<>();
                for (StepExecution execution : steps.lockExpiredLeases(owner, free)) {
                    Step<?> step = definitions.get(execution.step);
                    if (step == null) {
                        continue;
                    }
                    takeOver(execution, step, taken, afterCommit);
                }
                return taken;
            });
            for (Runnable line : afterCommit) {
                try {
                    line.run();
                } catch (RuntimeException e) {
                    LOG.debugf("A takeover's log line was not written: %s", e.toString());
                }
            }
            for (Attempt attempt : resumed) {
                if (!slots.tryAcquire()) {
                    handBack(attempt, "no free worker");
                } else if (!launch(attempt, "taken over")) {
                    slots.release();
                }
            }
        } catch (RuntimeException e) {
            LOG.debugf("Looking for expired leases failed: %s", e.toString());
        }
    }

    private void takeOver(StepExecution execution, Step<?> step, List<Attempt> taken, List<Runnable> afterCommit) {
        UUID jobId = execution.jobId;
        boolean crashed = execution.leaseOwner != null;
        String previousOwner = execution.leaseOwner;
        if (crashed) {
            execution.crashes++;
        }
        if (cancelled.isCancelled(jobId)) {
            steps.skipCancelled(jobId, step.step, null);
            afterCommit.add(() -> log.info(jobId, step.step, step.name() + " not resumed: the job was cancelled while "
                    + "its worker was gone"));
            return;
        }
        Optional<PipelineEvent> input = execution.inputEvent == null ? Optional.empty() : readable(execution);
        if (input.isEmpty() || (crashed && execution.crashes >= Math.max(1, config.step().maxCrashes()))) {
            String message = input.isEmpty()
                    ? "The step's worker stopped and its input was not stored (or cannot be read), so it cannot resume"
                    : "The step's worker stopped " + execution.crashes + " times while working on it (last: "
                    + previousOwner + "), so it is not tried again automatically";
            failStep(execution, STEP_CRASHED, message, true);
            afterCommit.add(() -> log.error(jobId, step.step, step.name() + " failed [" + STEP_CRASHED + "]: "
                    + message));
            return;
        }
        StepExecution resumed = steps.resume(execution, owner, config.step().lease());
        taken.add(new Attempt(step, jobId, resumed.attempts, input.get(), resumed.startedAt));
        String why = crashed ? "its worker " + previousOwner + " stopped renewing its lease (crash "
                + execution.crashes + " of at most " + config.step().maxCrashes() + ")"
                : "its worker handed it back when it shut down";
        afterCommit.add(() -> log.warn(jobId, step.step, step.name() + " resumes: " + why));
    }

    private static Optional<PipelineEvent> readable(StepExecution execution) {
        try {
            return Optional.of(storedInput(execution));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static PipelineEvent storedInput(StepExecution execution) {
        return EventCodec.decode(execution.inputEvent, EventType.valueOf(execution.inputEventType).recordType());
    }

    private void acquireSlot() {
        try {
            while (!slots.tryAcquire(1, TimeUnit.SECONDS)) {
                if (stopping) {
                    throw new ShuttingDown();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShuttingDown();
        }
        if (stopping) {
            slots.release();
            throw new ShuttingDown();
        }
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** For tests and the step API: this instance's name as a lease owner. */
    public String owner() {
        return owner;
    }

    /** Duration of a lease, as configured. */
    public Duration lease() {
        return config.step().lease();
    }
}
