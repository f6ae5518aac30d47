package io.agentfoundry.builder.mapping;

import io.agentfoundry.builder.domain.ImageBuild;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * @param sizeBytes compressed size of the first platform's image
 * @param layers    every platform's layers, base layers first
 */
public record BuildView(UUID jobId, String imageReference, String repository, String tag, String digest,
                        List<String> platforms, String bundleHash, String baseImage, String baseDigest, Long sizeBytes,
                        List<LayerView> layers, long durationMs, Instant builtAt) {

    public record LayerView(String platform, String digest, long sizeBytes, boolean fromBase) {
    }

    public static BuildView of(ImageBuild build) {
        List<LayerView> layers = build.layers == null ? List.of() : build.layers.stream()
                .map(layer -> new LayerView(layer.platform(), layer.digest(), layer.sizeBytes(), layer.fromBase()))
                .toList();
        return new BuildView(build.jobId, build.imageReference, build.repository, build.tag, build.digest,
                List.of(build.platforms.split(",")), build.bundleHash, build.baseImage, build.baseDigest,
                build.sizeBytes, layers, build.durationMs, build.builtAt);
    }
}
