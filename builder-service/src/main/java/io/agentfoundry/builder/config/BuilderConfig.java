package io.agentfoundry.builder.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "agentfoundry.builder")
public interface BuilderConfig {

    /**
     * {@code scratch}, a registry reference (pin it by digest: {@code host/repo@sha256:…}), or
     * {@code docker-archive:<path>} for a {@code docker save} tar. Python dependencies come from this image.
     */
    @WithDefault("scratch")
    String baseImage();

    /**
     * What to do when the base cannot be checked against the bundle's requirements.txt ({@code scratch}, or a base
     * without the {@code io.agentfoundry.python-packages} label): fail the build (true) or build with a warning
     * (false). A base that has the label is always checked.
     */
    @WithDefault("true")
    boolean requireBasePackages();

    /** Registry (host[:port]) to push to; empty means write a docker-archive tar to {@link #outputDir()}. */
    Optional<String> registry();

    /** Credentials for {@link #registry()} when it is not ECR (ECR credentials come from GetAuthorizationToken). */
    Optional<String> registryUsername();

    Optional<String> registryPassword();

    /** Repository path under the registry; the agent's name is appended. */
    @WithDefault("agentfoundry")
    String repositoryPrefix();

    /** Allows plain HTTP registries, such as a local one on 127.0.0.1. */
    @WithDefault("false")
    boolean allowInsecureRegistries();

    Path outputDir();

    /**
     * {@code os/arch} pairs; AgentCore runs only linux/arm64. More than one builds a multi-arch index, which needs a
     * registry base and a registry target.
     */
    @WithDefault("linux/arm64")
    List<String> platforms();

    /** A build (after the download) that takes longer fails with {@code BUILD_TIMEOUT}. */
    @WithDefault("5m")
    Duration buildTimeout();

    /** The whole bundle must arrive within this, or the step fails with {@code BUNDLE_DOWNLOAD_TIMEOUT}. */
    @WithDefault("30s")
    Duration downloadTimeout();

    /** A larger bundle is refused ({@code BUNDLE_TOO_LARGE}) before it is read whole. */
    @WithDefault("33554432")
    long maxBundleSize();

    Ecr ecr();

    interface Ecr {
        /**
         * Push through Amazon ECR: create the repository with immutable tags when it is missing and log in with
         * GetAuthorizationToken. Unset means: when {@link #registry()} is an ECR host name.
         */
        Optional<Boolean> enabled();

        /** Unset means: the region in the registry's host name, else the AWS SDK's region chain. */
        Optional<String> region();

        /** Another ECR API endpoint (a VPC endpoint, or a fake in tests). */
        Optional<URI> endpointOverride();
    }
}
