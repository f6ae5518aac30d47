package io.agentfoundry.events;

import java.time.Instant;
import java.util.UUID;

/**
 * What every event of the pipeline carries. Events are keyed by {@link #jobId()} on Kafka so that one job's events
 * keep their order.
 */
public interface PipelineEvent {

    /** Unique per event; consumers deduplicate on it. Also the CloudEvent {@code ce_id}. */
    UUID eventId();

    /** The job the event belongs to; the Kafka key and the CloudEvent {@code ce_subject}. */
    UUID jobId();

    /** The eventId of the event this one answers; null for a job's first event. */
    UUID causationId();

    Instant occurredAt();

    /** Version of the event's schema; readers reject versions newer than they know. */
    int schemaVersion();
}
