package io.agentfoundry.deployer.service;

import io.agentfoundry.platform.domain.Failure;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What a target's deployment tells its job (progress lines for the job's log) and asks of it (has the job been
 * cancelled meanwhile?), so that a wait of minutes stops soon after a cancellation instead of at its deadline.
 */
public final class DeployContext {

    /** How soon a wait notices a cancellation, whatever its own poll interval (as the builder's build wait). */
    static final Duration CANCELLATION_CHECK_INTERVAL = Duration.ofMillis(500);

    private final Consumer<String> progress;
    private final Consumer<String> warnings;
    private final BooleanSupplier cancelled;
    private final Consumer<String> made;

    /**
     * @param warnings  where lines about something that went wrong without failing the deployment go (the job's log
     *                  at WARN)
     * @param cancelled asked on the thread that runs the deployment, often: it must be cheap and see a cancellation
     *                  recorded on another thread (the step's check reads the committed {@code cancelled_job} table)
     * @param made      told the id of a runtime the deployment created, as soon as it exists, so that it is recorded
     *                  even if the deployment never finishes
     */
    public DeployContext(Consumer<String> progress, Consumer<String> warnings, BooleanSupplier cancelled,
                         Consumer<String> made) {
        this.progress = progress;
        this.warnings = warnings;
        this.cancelled = cancelled;
        this.made = made;
    }

    public DeployContext(Consumer<String> progress, Consumer<String> warnings, BooleanSupplier cancelled) {
        this(progress, warnings, cancelled, runtimeId -> {
        });
    }

    /** Warnings go to the progress lines, prefixed {@code Warning: }. */
    public DeployContext(Consumer<String> progress, BooleanSupplier cancelled) {
        this(progress, line -> progress.accept("Warning: " + line), cancelled);
    }

    /** For a deployment outside a job (tools, tests of a target alone): it is never cancelled. */
    public static DeployContext uncancellable(Consumer<String> progress) {
        return new DeployContext(progress, () -> false);
    }

    /** A line for the job's log. */
    public void progress(String line) {
        progress.accept(line);
    }

    /** A line for the job's log about something that went wrong but does not fail the deployment. */
    public void warn(String line) {
        warnings.accept(line);
    }

    public boolean cancelled() {
        return cancelled.getAsBoolean();
    }

    /** The deployment created this runtime (it did not update one the agent already had). */
    public void made(String runtimeId) {
        made.accept(runtimeId);
    }

    /**
     * Waits this long, looking for a cancellation every {@link #CANCELLATION_CHECK_INTERVAL} and once at the end.
     *
     * @return true as soon as the job is found cancelled (the rest of the wait is skipped), false after the full wait
     */
    public boolean cancelledWithin(Duration wait) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            if (left > 0) {
                Thread.sleep(Math.max(1, Math.min(left, CANCELLATION_CHECK_INTERVAL.toNanos()) / 1_000_000));
            }
            if (cancelled()) {
                return true;
            }
            if (end - System.nanoTime() <= 0) {
                return false;
            }
        }
    }

    /**
     * The step's outcome when the job is cancelled mid-deployment, as the builder's {@code BUILD_CANCELLED}: the step
     * fails with {@code StepFailed}, not retryable (a cancelled job runs no further step anyway), and emits nothing
     * else.
     */
    public static Failure cancelledWhile(String what) {
        return new Failure("DEPLOY_CANCELLED", "The job was cancelled while " + what, false, null);
    }
}
