package io.agentfoundry.registry.mapping;

import io.agentfoundry.events.ModelBinding;
import io.agentfoundry.events.ToolBinding;
import io.agentfoundry.registry.service.CostEstimator;
import io.agentfoundry.registry.service.SpecValidator;

import java.util.List;

/**
 * POST /api/agents/validate: what POST /api/agents would say, without creating a job.
 *
 * @param model        the catalog's resolution of the spec's model; null when it does not resolve
 * @param costEstimate the price of 1,000 invocations; null when the model does not resolve
 */
public record ValidationResult(boolean valid, List<SpecValidator.Violation> violations,
                               List<SpecValidator.Warning> warnings, String catalogVersion, ModelBinding model,
                               List<ToolBinding> tools, CostEstimator.CostEstimate costEstimate) {
}
