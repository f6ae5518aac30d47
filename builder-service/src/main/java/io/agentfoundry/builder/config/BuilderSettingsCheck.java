package io.agentfoundry.builder.config;

import io.agentfoundry.builder.service.ImagePlatform;
import io.agentfoundry.events.Topics;
import io.agentfoundry.platform.config.LongStepSettings;
import io.agentfoundry.platform.config.PlatformConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

import java.util.ArrayList;
import java.util.List;

/**
 * Refuses to start with settings that cannot work together, instead of failing every build later: the platform list
 * against the registry and base, and the transaction and record-age limits against the slowest build the deadlines
 * allow ({@link LongStepSettings}).
 */
@ApplicationScoped
class BuilderSettingsCheck {

    void check(@Observes StartupEvent started, BuilderConfig builder, PlatformConfig platform, Config config) {
        List<String> problems = new ArrayList<>(platformProblems(builder));
        problems.addAll(LongStepSettings.problems(Topics.CODE_GENERATED,
                builder.downloadTimeout().plus(builder.buildTimeout()), "download-timeout + build-timeout", platform,
                config));
        LongStepSettings.requireNone("builder-service", problems);
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
