package io.agentfoundry.registry.mapping;

import io.agentfoundry.events.ModelBinding;
import io.agentfoundry.events.ToolBinding;
import io.agentfoundry.registry.domain.catalog.Catalog;
import io.agentfoundry.registry.domain.catalog.CatalogModel;
import io.agentfoundry.registry.domain.catalog.CatalogTool;

import java.util.ArrayList;
import java.util.List;

/** The catalog's entries as the contract carries them on an accepted {@code AgentRequested}. */
public final class CatalogBindings {

    private CatalogBindings() {
    }

    public static ModelBinding model(Catalog.ResolvedModel resolved) {
        CatalogModel model = resolved.model();
        return new ModelBinding(model.id(), model.provider().name(), resolved.invocationId(), model.contextWindow(),
                model.maxOutputTokens(), model.numCtx(), model.provider().pipRequirements());
    }

    /** Environment lists every variable the tool reads, needed or optional: the generator documents them all. */
    public static ToolBinding tool(CatalogTool tool) {
        List<String> environment = new ArrayList<>(tool.environment());
        environment.addAll(tool.optionalEnvironment());
        return new ToolBinding(tool.name(), tool.module(), tool.pipExtra(), environment, tool.asksForConsent(),
                tool.unsupportedPlatforms(), tool.markedDeprecated());
    }
}
