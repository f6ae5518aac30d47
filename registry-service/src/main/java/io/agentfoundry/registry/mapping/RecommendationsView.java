package io.agentfoundry.registry.mapping;

import io.agentfoundry.registry.service.CatalogService;

import java.util.List;

/** GET /api/recommendations: live models for a use case, each with the reason; excluded picks with theirs. */
public record RecommendationsView(String useCase, String catalogVersion, List<Recommended> recommendations,
                                  List<Excluded> excluded) {

    /**
     * @param invocationId what a generated agent calls the provider with
     * @param usedByTool   for a model that is not an agent LLM: the tool to add instead
     */
    public record Recommended(String modelId, String displayName, String provider, String invocationId,
                              boolean agentUsable, String usedByTool, String reason) {
    }

    public record Excluded(String modelId, String reason) {
    }

    public static RecommendationsView of(CatalogService.Recommendations recommendations, String catalogVersion) {
        return new RecommendationsView(recommendations.useCase().label(), catalogVersion,
                recommendations.recommended().stream().map(pick -> new Recommended(pick.model().id(),
                        pick.model().displayName(), pick.model().provider().name(), pick.model().defaultInvocationId(),
                        pick.model().canBeAgentLlm(), pick.model().usedByTool(), pick.reason())).toList(),
                recommendations.excluded().stream().map(skip -> new Excluded(skip.model().id(), skip.reason())).toList());
    }
}
