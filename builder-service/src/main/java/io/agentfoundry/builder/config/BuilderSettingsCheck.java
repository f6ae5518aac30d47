package io.agentfoundry.builder.config;

import io.agentfoundry.builder.service.ImagePlatform;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.ArrayList;
import java.util.List;

/**
 * Refuses to start with settings that cannot work together, instead of failing every build later: the platform list
 * against the registry and base.
 */
@ApplicationScoped
class BuilderSettingsCheck {

    void check(@Observes StartupEvent started, BuilderConfig builder) {
        List<String> problems = platformProblems(builder);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("builder-service settings do not work together:\n - "
                    + String.join("\n - ", problems));
        }
    }

    static List<String> platformProblems(BuilderConfig builder) {
        List<String> problems = new ArrayList<>();
        for (String platform : builder.platforms()) {
            try {
                ImagePlatform.parse(platform);
            } catch (IllegalArgumentException e) {
                problems.add("agentfoundry.builder.platforms: " + e.getMessage());
            }
        }
        if (builder.platforms().size() > 1 && builder.registry().isEmpty()) {
            problems.add("agentfoundry.builder.platforms names several platforms, but a docker-archive tar (written"
                    + " when agentfoundry.builder.registry is unset) holds one: set a registry");
        }
        if (builder.platforms().size() > 1 && builder.baseImage().startsWith("docker-archive:")) {
            problems.add("agentfoundry.builder.platforms names several platforms, but a docker-archive base image"
                    + " has one: use a multi-arch base from a registry");
        }
        return problems;
    }
}
