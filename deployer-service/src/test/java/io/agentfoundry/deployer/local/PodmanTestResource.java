package io.agentfoundry.deployer.local;

import io.agentfoundry.testinfra.PodmanEngine;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * Points the LOCAL target at a real Podman engine that trusts the tests' local registry, and lets it load
 * docker-archive images from a temporary directory of its own (tests read it from
 * {@code agentfoundry.deployer.local.archive-dir}).
 */
public class PodmanTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String archiveDir;
        try {
            archiveDir = Files.createTempDirectory("deployer-archives").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "agentfoundry.deployer.default-target", "LOCAL",
                "agentfoundry.deployer.local.engine-host", PodmanEngine.shared().host(),
                "agentfoundry.deployer.local.archive-dir", archiveDir,
                "agentfoundry.deployer.local.ready-timeout", "45s",
                "agentfoundry.deployer.local.failure-log-lines", "40",
                // other than the defaults, so that a test sees these were applied
                "agentfoundry.deployer.local.sandbox.memory", "256M",
                "agentfoundry.deployer.local.sandbox.cpus", "0.5",
                "agentfoundry.deployer.local.sandbox.pids", "128");
    }

    @Override
    public void stop() {
        // shared by the test JVM
    }
}
