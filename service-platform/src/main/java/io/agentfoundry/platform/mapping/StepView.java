package io.agentfoundry.platform.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentfoundry.events.EventCodec;
import io.agentfoundry.events.PipelineStep;
import io.agentfoundry.platform.domain.StepExecution;
import io.agentfoundry.platform.domain.StepStatus;

import java.time.Instant;
import java.util.UUID;

/**
 * This service's step of one job, as the REST API shows it: while it runs, who holds its lease and until when, and
 * how many of its workers stopped while working on it.
 */
public record StepView(UUID jobId, PipelineStep step, StepStatus status, int attempts, int crashes, String leaseOwner,
                       Instant leaseExpiresAt, Instant startedAt, Instant finishedAt, JsonNode result,
                       String errorCode, String errorMessage) {

    public static StepView of(StepExecution execution) {
        return new StepView(execution.jobId, execution.step, execution.status, execution.attempts, execution.crashes,
                execution.leaseOwner, execution.leaseExpiresAt, execution.startedAt, execution.finishedAt,
                parse(execution.result), execution.errorCode, execution.errorMessage);
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return EventCodec.mapper().readTree(json);
        } catch (Exception e) {
            return null;
        }
    }
}
