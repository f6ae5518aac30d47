package io.agentfoundry.tester.service.local;

import io.agentfoundry.tester.service.RuntimeLogs;
import io.agentfoundry.tester.service.RuntimeCreatedRules;

import io.agentfoundry.engine.ContainerEngine;
import io.agentfoundry.events.DeployTarget;
import io.agentfoundry.events.RuntimeCreated;
import io.agentfoundry.tester.config.TesterConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * LOCAL runtimes: what the container wrote during the test window, read from the engine it runs on.
 * <p>
 * The event's runtimeId comes from Kafka, where other services may publish it, and the engine may run containers that
 * are none of the pipeline's: only a container the deployer started for the event's job is read, known by the
 * {@value #JOB_LABEL} label the deployer puts on it. Inspecting it and reading its logs take at most
 * {@link RuntimeLogs#READ_BUDGET} together.
 */
@ApplicationScoped
public class LocalContainerLogs implements RuntimeLogs {

    /** The label the deployer puts on each LOCAL container: the job it was started for. */
    static final String JOB_LABEL = "io.agentfoundry.job-id";
    /** More than the report keeps, so that its tail is whole. */
    private static final int MAX_LINES = 500;
    /** A container id or name as the engine accepts them; nothing else goes into an engine API path. */
    private static final Pattern CONTAINER_ID_OR_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}");

    private final Optional<ContainerEngine> engine;
    /** Reads on a thread of their own, so that the step waits no longer than the budget. */
    private final ExecutorService reader = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "tester-container-logs");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    LocalContainerLogs(TesterConfig config) {
        this(config.local().engineHost().map(host -> ContainerEngine.connect(host, READ_BUDGET)));
    }

    LocalContainerLogs(Optional<ContainerEngine> engine) {
        this.engine = engine;
    }

    @Override
    public DeployTarget target() {
        return DeployTarget.LOCAL;
    }

    @Override
    public Optional<String> read(RuntimeCreated runtime, Instant from, Instant to) {
        if (engine.isEmpty()) {
            return Optional.empty();
        }
        ContainerEngine containers = engine.get();
        String container = runtime.runtimeId();
        if (container == null || !CONTAINER_ID_OR_NAME.matcher(container).matches()) {
            return Optional.of("runtime logs: not read: runtimeId "
                    + (container == null ? "(none)" : RuntimeCreatedRules.quoted(container))
                    + " is not a container id or name");
        }
        Future<String> reading = reader.submit(() -> readOwned(containers, container, runtime, from, to));
        try {
            return Optional.of(reading.get(READ_BUDGET.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            reading.cancel(true);
            return Optional.of("runtime logs: the engine at " + containers.host() + " did not send the logs of"
                    + " container " + container + " within " + READ_BUDGET.toSeconds() + " s");
        } catch (ExecutionException e) {
            // the caller says in the job's log why the report has no logs
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            reading.cancel(true);
            Thread.currentThread().interrupt();
            return Optional.of("runtime logs: not read: interrupted");
        }
    }

    private static String readOwned(ContainerEngine containers, String container, RuntimeCreated runtime,
                                     Instant from, Instant to) {
        Optional<ContainerEngine.ContainerState> state = containers.inspect(container);
        if (state.isEmpty()) {
            return "runtime logs: no container " + container + " on the engine at " + containers.host();
        }
        String job = state.get().labels() == null ? null : state.get().labels().get(JOB_LABEL);
        if (!runtime.jobId().toString().equals(job)) {
            return "runtime logs: container " + container + " does not belong to job " + runtime.jobId()
                    + " (its " + JOB_LABEL + " label " + (job == null ? "is missing" : "names another job")
                    + "); its logs were not read";
        }
        // by the id inspected: a container of the same name started since is not read
        return String.join("\n", containers.logs(state.get().id(), from, to, MAX_LINES));
    }

    @PreDestroy
    void close() {
        reader.shutdownNow();
        engine.ifPresent(ContainerEngine::close);
    }
}
