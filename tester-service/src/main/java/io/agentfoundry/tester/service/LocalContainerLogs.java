package io.agentfoundry.tester.service;

import io.agentfoundry.engine.ContainerEngine;
import io.agentfoundry.events.RuntimeCreated;
import io.agentfoundry.tester.config.TesterConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** LOCAL runtimes: what the container wrote during the test window, read from the engine it runs on. */
@ApplicationScoped
public class LocalContainerLogs implements RuntimeLogs {

    /** More than the report keeps, so that its tail is whole. */
    private static final int MAX_LINES = 500;

    private final Optional<ContainerEngine> engine;

    LocalContainerLogs(TesterConfig config) {
        this.engine = config.local().engineHost().map(host -> ContainerEngine.connect(host, Duration.ofSeconds(30)));
    }

    @Override
    public Optional<String> read(RuntimeCreated runtime, Instant from, Instant to) {
        if (!RuntimeCreated.LOCAL.equals(runtime.target()) || engine.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join("\n", engine.get().logs(runtime.runtimeId(), from, to, MAX_LINES)));
    }

    @PreDestroy
    void close() {
        engine.ifPresent(ContainerEngine::close);
    }
}
