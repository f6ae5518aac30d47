package io.agentfoundry.registry.domain.catalog;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The loaded and checked catalogs. A model is found by its catalog id, its provider model id (Bedrock base id or
 * Ollama tag), any of its inference-profile ids and its aliases.
 *
 * @param version one version for both files: they are released together
 */
public record Catalog(String version, LocalDate asOf, List<CatalogModel> models, List<CatalogTool> tools,
                      Map<String, CatalogModel> modelsByName, Map<String, CatalogTool> toolsByName) {

    /** A model as a spec named it, with what the provider is to be called with. */
    public record ResolvedModel(CatalogModel model, String invocationId) {
    }

    public static Catalog of(String version, LocalDate asOf, List<CatalogModel> models, List<CatalogTool> tools) {
        Map<String, CatalogModel> byName = new LinkedHashMap<>();
        for (CatalogModel model : models) {
            namesOf(model).forEach(name -> byName.put(name, model));
        }
        Map<String, CatalogTool> toolsByName = new LinkedHashMap<>();
        tools.forEach(tool -> toolsByName.put(tool.name(), tool));
        return new Catalog(version, asOf, List.copyOf(models), List.copyOf(tools),
                Collections.unmodifiableMap(byName), Collections.unmodifiableMap(toolsByName));
    }

    /** Every name a model answers to, its catalog id first. */
    public static List<String> namesOf(CatalogModel model) {
        java.util.ArrayList<String> names = new java.util.ArrayList<>();
        names.add(model.id());
        names.add(model.providerModelId());
        model.inferenceProfiles().forEach(profile -> names.add(profile.id()));
        names.addAll(model.aliases());
        return names.stream().distinct().toList();
    }

    public Optional<CatalogModel> model(String name) {
        return Optional.ofNullable(name).map(modelsByName::get);
    }

    /** Naming a profile picks it; any other name picks the model's default way of being called. */
    public Optional<ResolvedModel> resolve(String name) {
        return model(name).map(model -> new ResolvedModel(model,
                model.inferenceProfiles().stream().anyMatch(profile -> profile.id().equals(name))
                        ? name : model.defaultInvocationId()));
    }

    public Optional<CatalogTool> tool(String name) {
        return Optional.ofNullable(name).map(toolsByName::get);
    }
}
