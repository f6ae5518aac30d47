package io.agentfoundry.tester.testsupport;

import io.agentfoundry.events.DeployTarget;
import io.agentfoundry.events.RuntimeCreated;
import io.agentfoundry.tester.service.RuntimeLogs;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A LOCAL runtime-logs reader beside the container-logs one (which reads nothing here: the tests name no engine). It
 * answers for the jobs a test scripted, and empty for every other runtime, as a reader that cannot read does.
 */
@ApplicationScoped
public class ScriptedRuntimeLogs implements RuntimeLogs {

    /** The window the tester asked for. */
    public record Window(Instant from, Instant to) {
    }

    private static final Map<UUID, String> LOGS = new ConcurrentHashMap<>();
    private static final Map<UUID, Window> WINDOWS = new ConcurrentHashMap<>();
    private static final String FAIL = "\u0000fail";

    public static void answer(UUID jobId, String logs) {
        LOGS.put(jobId, logs);
    }

    public static void failFor(UUID jobId) {
        LOGS.put(jobId, FAIL);
    }

    public static Window windowOf(UUID jobId) {
        return WINDOWS.get(jobId);
    }

    @Override
    public DeployTarget target() {
        return DeployTarget.LOCAL;
    }

    @Override
    public Optional<String> read(RuntimeCreated runtime, Instant from, Instant to) {
        String logs = LOGS.get(runtime.jobId());
        if (logs == null) {
            return Optional.empty();
        }
        WINDOWS.put(runtime.jobId(), new Window(from, to));
        if (logs.equals(FAIL)) {
            throw new IllegalStateException("the engine refused the logs request");
        }
        return Optional.of(logs);
    }
}
