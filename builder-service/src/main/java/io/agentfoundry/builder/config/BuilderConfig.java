package io.agentfoundry.builder.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "agentfoundry.builder")
public interface BuilderConfig {

    /** {@code scratch}, a registry reference, or {@code docker-archive:<path>} for a {@code docker save} tar. */
    @WithDefault("scratch")
    String baseImage();

    /** Registry (host[:port]) to push to; empty means write a tar to {@link #outputDir()}. */
    Optional<String> registry();

    /** Repository path under the registry; the agent's name is appended. */
    @WithDefault("agentfoundry")
    String repositoryPrefix();

    /** Allows plain HTTP registries, such as a local one on 127.0.0.1. */
    @WithDefault("false")
    boolean allowInsecureRegistries();

    Path outputDir();

    /** {@code os/arch} pairs; AgentCore runs only linux/arm64. */
    @WithDefault("linux/arm64")
    List<String> platforms();

    /** A build that takes longer fails with {@code BUILD_TIMEOUT}. */
    @WithDefault("5m")
    Duration buildTimeout();

    @WithDefault("30s")
    Duration downloadTimeout();
}
