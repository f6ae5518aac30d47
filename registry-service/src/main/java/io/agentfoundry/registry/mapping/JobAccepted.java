package io.agentfoundry.registry.mapping;

import io.agentfoundry.events.ModelBinding;
import io.agentfoundry.registry.domain.JobStatus;
import io.agentfoundry.registry.service.SpecValidator;

import java.util.List;
import java.util.UUID;

/** The answer to a submitted job: where to follow it, how its model resolved, and what it should know. */
public record JobAccepted(UUID jobId, JobStatus status, String location, ModelBinding model,
                          List<SpecValidator.Warning> warnings) {
}
