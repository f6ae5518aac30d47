package io.agentfoundry.generator.service.bundle;

import io.agentfoundry.events.AgentRequested;
import io.agentfoundry.events.AgentSpec;
import io.agentfoundry.events.ModelBinding;
import io.agentfoundry.events.ToolBinding;

import java.util.List;
import java.util.UUID;

/**
 * What a bundle is rendered from: an accepted request's spec with the catalog's bindings, and the generator's version.
 *
 * @param jobId          the job; null for a preview
 * @param catalogVersion the version of the catalogs the bindings come from; null when unknown
 */
public record BundleRequest(UUID jobId, AgentSpec spec, ModelBinding model, List<ToolBinding> tools,
                            String catalogVersion, String generatorVersion) {

    public BundleRequest {
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    public static BundleRequest of(AgentRequested request, String generatorVersion) {
        return new BundleRequest(request.jobId(), request.spec(), request.model(), request.tools(),
                request.catalogVersion(), generatorVersion);
    }
}
