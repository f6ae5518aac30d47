package io.agentfoundry.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The agent's source bundle exists and can be downloaded.
 *
 * @param startedAt   when the generator started on the job
 * @param bundleUrl   where the bundle (tar.gz) can be downloaded from the generator
 * @param contentHash {@code sha256:<hex>} over the bundle's files (paths and contents), independent of archive format
 * @param fileCount   number of files in the bundle
 */
public record CodeGenerated(
        UUID eventId,
        UUID jobId,
        UUID causationId,
        Instant occurredAt,
        int schemaVersion,
        Instant startedAt,
        AgentSpec spec,
        String bundleUrl,
        String contentHash,
        int fileCount,
        String generatorVersion) implements PipelineEvent {
}
