package io.agentfoundry.builder.mapping;

import io.agentfoundry.builder.domain.ImageBuild;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record BuildView(UUID jobId, String imageReference, String digest, List<String> platforms, String bundleHash,
                        String baseImage, long durationMs, Instant builtAt) {
    public static BuildView of(ImageBuild build) {
        return new BuildView(build.jobId, build.imageReference, build.digest, List.of(build.platforms.split(",")),
                build.bundleHash, build.baseImage, build.durationMs, build.builtAt);
    }
}
