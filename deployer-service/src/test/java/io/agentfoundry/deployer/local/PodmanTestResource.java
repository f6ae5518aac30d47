package io.agentfoundry.deployer.local;

import io.agentfoundry.testinfra.PodmanEngine;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points the LOCAL target at a real Podman engine that trusts the tests' local registry. */
public class PodmanTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "agentfoundry.deployer.default-target", "LOCAL",
                "agentfoundry.deployer.local.engine-host", PodmanEngine.shared().host(),
                "agentfoundry.deployer.local.ready-timeout", "45s",
                "agentfoundry.deployer.local.failure-log-lines", "40");
    }

    @Override
    public void stop() {
        // shared by the test JVM
    }
}
