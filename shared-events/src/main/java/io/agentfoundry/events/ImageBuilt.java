package io.agentfoundry.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The agent's container image exists.
 *
 * @param imageReference where the image is: {@code registry/repository:tag}, or {@code docker-archive:<path>} for a
 *                       {@code docker save} tar on disk
 * @param digest         {@code sha256:<hex>} of the image manifest (or index, for several platforms)
 * @param platforms      e.g. {@code linux/arm64}
 * @param bundleHash     the content hash of the bundle the image was built from
 * @param repository     the repository path under the registry, e.g. {@code agentfoundry/weather_agent}
 * @param tag            the image's immutable tag (the job id; never {@code latest})
 * @param sizeBytes      compressed size of the first platform's image (config and layers)
 * @param baseImage      the base image the code layer was put on ({@code scratch} for none)
 * @param baseDigest     the base image's digest; null for {@code scratch}
 */
public record ImageBuilt(
        UUID eventId,
        UUID jobId,
        UUID causationId,
        Instant occurredAt,
        int schemaVersion,
        Instant startedAt,
        AgentSpec spec,
        String imageReference,
        String digest,
        List<String> platforms,
        String bundleHash,
        String repository,
        String tag,
        Long sizeBytes,
        String baseImage,
        String baseDigest) implements PipelineEvent {

    /** The prefix of an {@code imageReference} that names a {@code docker save} tar on disk instead of a registry. */
    public static final String DOCKER_ARCHIVE = "docker-archive:";

    public ImageBuilt {
        platforms = platforms == null ? List.of() : List.copyOf(platforms);
    }

    /** Without the optional build details. */
    public ImageBuilt(UUID eventId, UUID jobId, UUID causationId, Instant occurredAt, int schemaVersion,
                      Instant startedAt, AgentSpec spec, String imageReference, String digest, List<String> platforms,
                      String bundleHash) {
        this(eventId, jobId, causationId, occurredAt, schemaVersion, startedAt, spec, imageReference, digest, platforms,
                bundleHash, null, null, null, null, null);
    }
}
