package io.agentfoundry.builder.testsupport;

import io.agentfoundry.testinfra.LocalRegistry;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * Points the builder at the shared local registry, pushing there for linux/arm64 and building on
 * {@link TestRuntimeBase}, with the base's packages checked.
 */
public class LocalRegistryResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        LocalRegistry registry = LocalRegistry.shared();
        try {
            return Map.of(
                    "agentfoundry.builder.registry", registry.host(),
                    "agentfoundry.builder.allow-insecure-registries", "true",
                    "agentfoundry.builder.base-image", TestRuntimeBase.pushTo(registry),
                    "agentfoundry.builder.require-base-packages", "true",
                    "agentfoundry.builder.platforms", "linux/arm64",
                    "agentfoundry.builder.output-dir", Files.createTempDirectory("builder-output").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // the registry is shared by the whole test JVM and stops with it
    }
}
