package io.agentfoundry.registry.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.agentfoundry.registry.domain.JobEvent;

import java.time.Instant;
import java.util.UUID;

/** One SSE event of GET /api/agents/{jobId}/events; {@code sequence} is also the SSE id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobEventView(long sequence, UUID jobId, String kind, String service, String step, String status,
                           Integer attempts, String level, String message, Instant occurredAt) {

    public static JobEventView of(JobEvent event) {
        return new JobEventView(event.id, event.jobId, event.kind, event.service, event.step, event.status,
                event.attempts, event.level, event.message, event.occurredAt);
    }
}
