package io.agentfoundry.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The agent's container image exists.
 *
 * @param imageReference where the image is: {@code registry/repository:tag}, or {@code docker-archive:<path>} for a {@code docker save} tar on disk
 * @param digest         {@code sha256:<hex>} of the image manifest
 * @param platforms      e.g. {@code linux/arm64}
 * @param bundleHash     the content hash of the bundle the image was built from
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
        String bundleHash) implements PipelineEvent {

    public ImageBuilt {
        platforms = platforms == null ? List.of() : List.copyOf(platforms);
    }
}
