package io.agentfoundry.registry.service;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.agentfoundry.registry.domain.catalog.Capability;
import io.agentfoundry.registry.domain.catalog.Catalog;
import io.agentfoundry.registry.domain.catalog.CatalogModel;
import io.agentfoundry.registry.domain.catalog.CatalogTool;
import io.agentfoundry.registry.domain.catalog.InferenceProfile;
import io.agentfoundry.registry.domain.catalog.LifecycleStatus;
import io.agentfoundry.registry.domain.catalog.Pricing;
import io.agentfoundry.registry.domain.catalog.Provider;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code models.json} and {@code tools.json} and checks every entry, so that a broken catalog stops the service
 * at start with every problem named (file, entry, field) instead of failing a user's request later.
 */
public final class CatalogLoader {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    private static final Pattern BEDROCK_SLUG = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");
    private static final Pattern OLLAMA_TAG = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}(:[a-z0-9][a-z0-9._-]{0,31})?");
    private static final Pattern TOOL_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,99}");
    private static final Set<String> PROFILE_SCOPES = Set.of("global", "us", "eu", "apac", "jp", "au");
    private static final Set<String> TOOL_CATEGORIES = Set.of("file", "web", "code", "agents", "aws", "media", "memory",
            "search", "communication", "browser", "utility");
    private static final Set<String> MODALITIES = Set.of("text", "image", "pdf", "document", "video", "embedding");
    private static final Set<String> PLATFORMS = Set.of("linux", "windows", "macos");
    /** Fields that may be named in unknownFields or unverifiedFields. */
    private static final Set<String> MODEL_FIELDS = Set.of("providerModelId", "inferenceProfiles", "contextWindow",
            "maxOutputTokens", "numCtx", "parameterSize", "modalities", "capabilities", "usedByTool", "pricing",
            "pricing.inputPerMillionTokens", "pricing.outputPerMillionTokens", "pricing.perImage", "pricing.perSecond",
            "lifecycle", "lifecycle.status", "lifecycle.eolDate", "lifecycle.successor");

    private CatalogLoader() {
    }

    /** Loads both files from the class path. */
    public static Catalog fromClassPath(String modelsResource, String toolsResource) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream models = loader.getResourceAsStream(modelsResource);
             InputStream tools = loader.getResourceAsStream(toolsResource)) {
            if (models == null || tools == null) {
                throw new CatalogException("Catalog file not found on the class path: "
                        + (models == null ? modelsResource : toolsResource));
            }
            return load(modelsResource, models, toolsResource, tools);
        } catch (IOException e) {
            throw new CatalogException("Cannot read the catalogs " + modelsResource + ", " + toolsResource, e);
        }
    }

    public static Catalog load(String modelsName, InputStream modelsJson, String toolsName, InputStream toolsJson) {
        Problems problems = new Problems();
        JsonNode modelsFile = readTree(modelsName, modelsJson);
        JsonNode toolsFile = readTree(toolsName, toolsJson);
        List<CatalogTool> tools = entries(toolsName, toolsFile, "tools", CatalogTool.class, problems);
        List<CatalogModel> models = entries(modelsName, modelsFile, "models", CatalogModel.class, problems);

        String version = text(modelsFile, "catalogVersion");
        if (version == null) {
            problems.add(modelsName, "catalogVersion is missing");
        } else if (!version.equals(text(toolsFile, "catalogVersion"))) {
            problems.add(toolsName, "catalogVersion must equal the model catalog's '" + version
                    + "': the two files are released together");
        }
        LocalDate asOf = null;
        try {
            asOf = LocalDate.parse(String.valueOf(text(modelsFile, "asOf")));
        } catch (RuntimeException e) {
            problems.add(modelsName, "asOf must be a date (yyyy-mm-dd)");
        }

        Set<String> toolNames = new HashSet<>();
        for (int i = 0; i < tools.size(); i++) {
            checkTool(tools.get(i), new Where(toolsName, "tools[" + i + "]", tools.get(i).name()), toolNames, problems);
        }
        Map<String, String> owners = new HashMap<>();
        Set<String> modelIds = new HashSet<>();
        models.forEach(model -> modelIds.add(model.id()));
        for (int i = 0; i < models.size(); i++) {
            CatalogModel model = models.get(i);
            checkModel(model, new Where(modelsName, "models[" + i + "]", model.id()), toolNames, modelIds, owners, problems);
        }
        for (int i = 0; i < tools.size(); i++) {
            CatalogTool tool = tools.get(i);
            if (tool.replacement() != null && tool.replacement().matches("[a-z][a-z0-9_]*")
                    && tools.stream().noneMatch(other -> other.name().equals(tool.replacement()) && !other.markedDeprecated())) {
                problems.add(new Where(toolsName, "tools[" + i + "]", tool.name()),
                        "replacement '" + tool.replacement() + "' looks like a tool name but is not a live catalog tool");
            }
        }
        problems.throwIfAny();
        return Catalog.of(version, asOf, models, tools);
    }

    private static void checkModel(CatalogModel model, Where where, Set<String> toolNames, Set<String> modelIds,
                                   Map<String, String> owners, Problems problems) {
        Set<String> unknown = new HashSet<>(model.unknownFields());
        for (String field : model.unknownFields()) {
            if (!MODEL_FIELDS.contains(field)) {
                problems.add(where, "unknownFields names '" + field + "', which is not a field that may be unknown");
            }
        }
        for (String field : model.unverifiedFields()) {
            if (!MODEL_FIELDS.contains(field)) {
                problems.add(where, "unverifiedFields names '" + field + "', which is not a catalog fact");
            }
        }
        for (String field : unknown) {
            if (MODEL_FIELDS.contains(field) && valueOf(model, field) != null) {
                problems.add(where, field + " has a value but is named in unknownFields");
            }
        }
        Fields fields = new Fields(where, unknown, problems);
        fields.require("id", model.id());
        fields.require("provider", model.provider());
        fields.require("family", model.family());
        fields.require("displayName", model.displayName());
        fields.require("providerModelId", model.providerModelId());
        fields.require("requiresInferenceProfile", model.requiresInferenceProfile());
        fields.require("modalities", model.modalities());
        fields.require("capabilities", model.capabilities());
        fields.require("agentUsable", model.agentUsable());
        fields.require("pricing", model.pricing());
        fields.require("lifecycle", model.lifecycle());
        fields.require("useCases", model.useCases());
        fields.require("recommendedFor", model.recommendedFor());
        fields.require("checkedAt", model.checkedAt());
        fields.require("source", model.source());
        fields.require("verified", model.verified());
        if (model.id() == null || model.provider() == null || model.providerModelId() == null) {
            return;
        }
        if (!model.id().startsWith(model.provider().idPrefix())) {
            problems.add(where, "id must start with '" + model.provider().idPrefix() + "' for provider " + model.provider());
        }
        if (Boolean.TRUE.equals(model.verified()) && !model.unverifiedFields().isEmpty()) {
            problems.add(where, "verified is true but unverifiedFields is not empty");
        }
        if (model.canBeAgentLlm()) {
            fields.require("contextWindow", model.contextWindow());
            fields.require("maxOutputTokens", model.maxOutputTokens());
        } else if (model.usedByTool() == null && !model.has(Capability.EMBEDDING)) {
            problems.add(where, "usedByTool is missing: a model that cannot be an agent's LLM must name the tool that uses it");
        }
        if (model.usedByTool() != null && !toolNames.contains(model.usedByTool())) {
            problems.add(where, "usedByTool '" + model.usedByTool() + "' is not in the tool catalog");
        }
        if (model.provider() == Provider.OLLAMA) {
            checkOllama(model, where, fields, problems);
        } else {
            checkBedrock(model, where, problems);
        }
        if (model.modalities() != null) {
            if (model.modalities().input() == null || model.modalities().input().isEmpty()
                    || model.modalities().output() == null || model.modalities().output().isEmpty()) {
                problems.add(where, "modalities needs non-empty input and output lists");
            } else {
                model.modalities().input().stream().filter(m -> !MODALITIES.contains(m))
                        .forEach(m -> problems.add(where, "modalities.input has unknown '" + m + "'"));
                model.modalities().output().stream().filter(m -> !MODALITIES.contains(m))
                        .forEach(m -> problems.add(where, "modalities.output has unknown '" + m + "'"));
            }
        }
        if (model.pricing() != null) {
            checkPricing(model.pricing(), fields, where, problems);
        }
        if (model.lifecycle() != null) {
            fields.require("lifecycle.status", model.lifecycle().status());
            if (model.lifecycle().status() == LifecycleStatus.EOL) {
                fields.require("lifecycle.eolDate", model.lifecycle().eolDate());
            }
            String successor = model.lifecycle().successor();
            if (successor != null && (!modelIds.contains(successor) || successor.equals(model.id()))) {
                problems.add(where, "lifecycle.successor '" + successor + "' is not another model of the catalog");
            }
        }
        if (model.recommendedFor() != null && !model.recommendedFor().isEmpty()
                && (model.recommendationReason() == null || model.recommendationReason().isBlank())) {
            problems.add(where, "recommendationReason is missing: a recommended model says why");
        }
        for (String name : Catalog.namesOf(model)) {
            String owner = owners.putIfAbsent(name, model.id());
            if (owner != null && !owner.equals(model.id())) {
                problems.add(where, "the name '" + name + "' already belongs to " + owner);
            }
        }
    }

    private static Object valueOf(CatalogModel model, String field) {
        return switch (field) {
            case "providerModelId" -> model.providerModelId();
            case "inferenceProfiles" -> model.inferenceProfiles().isEmpty() ? null : model.inferenceProfiles();
            case "contextWindow" -> model.contextWindow();
            case "maxOutputTokens" -> model.maxOutputTokens();
            case "numCtx" -> model.numCtx();
            case "parameterSize" -> model.parameterSize();
            case "modalities" -> model.modalities();
            case "capabilities" -> model.capabilities();
            case "usedByTool" -> model.usedByTool();
            case "pricing" -> model.pricing();
            case "pricing.inputPerMillionTokens" -> model.pricing() == null ? null : model.pricing().inputPerMillionTokens();
            case "pricing.outputPerMillionTokens" -> model.pricing() == null ? null : model.pricing().outputPerMillionTokens();
            case "pricing.perImage" -> model.pricing() == null ? null : model.pricing().perImage();
            case "pricing.perSecond" -> model.pricing() == null ? null : model.pricing().perSecond();
            case "lifecycle" -> model.lifecycle();
            case "lifecycle.status" -> model.lifecycle() == null ? null : model.lifecycle().status();
            case "lifecycle.eolDate" -> model.lifecycle() == null ? null : model.lifecycle().eolDate();
            case "lifecycle.successor" -> model.lifecycle() == null ? null : model.lifecycle().successor();
            default -> null;
        };
    }

    private static void checkOllama(CatalogModel model, Where where, Fields fields, Problems problems) {
        String tag = model.id().substring(Provider.OLLAMA.idPrefix().length());
        if (!OLLAMA_TAG.matcher(tag).matches()) {
            problems.add(where, "id must be 'ollama/<tag>' with an Ollama tag");
        }
        if (!tag.equals(model.tag()) || !tag.equals(model.providerModelId())) {
            problems.add(where, "tag and providerModelId must both be '" + tag + "', the tag in the id");
        }
        fields.require("parameterSize", model.parameterSize());
        fields.require("numCtx", model.numCtx());
        if (model.numCtx() != null && model.contextWindow() != null && model.numCtx() > model.contextWindow()) {
            problems.add(where, "numCtx " + model.numCtx() + " exceeds contextWindow " + model.contextWindow());
        }
        if (!model.inferenceProfiles().isEmpty() || Boolean.TRUE.equals(model.requiresInferenceProfile())) {
            problems.add(where, "inferenceProfiles are Bedrock's: an Ollama model has none");
        }
    }

    private static void checkBedrock(CatalogModel model, Where where, Problems problems) {
        String slug = model.id().substring(Provider.BEDROCK.idPrefix().length());
        if (!BEDROCK_SLUG.matcher(slug).matches()) {
            problems.add(where, "id must be 'bedrock/<slug>' with a lower-case slug");
        }
        if (model.numCtx() != null || model.tag() != null || model.parameterSize() != null) {
            problems.add(where, "numCtx, tag and parameterSize are Ollama's: leave them null for Bedrock");
        }
        long defaults = 0;
        for (int p = 0; p < model.inferenceProfiles().size(); p++) {
            InferenceProfile profile = model.inferenceProfiles().get(p);
            String field = "inferenceProfiles[" + p + "]";
            if (profile.scope() == null || !PROFILE_SCOPES.contains(profile.scope())) {
                problems.add(where, field + ".scope must be one of " + PROFILE_SCOPES);
            } else if (!(profile.scope() + "." + model.providerModelId()).equals(profile.id())) {
                problems.add(where, field + ".id must be '" + profile.scope() + "." + model.providerModelId() + "'");
            }
            if (profile.isDefault() == null) {
                problems.add(where, field + ".default is missing");
            } else if (profile.isDefault()) {
                defaults++;
            }
        }
        if (Boolean.TRUE.equals(model.requiresInferenceProfile()) && defaults != 1) {
            problems.add(where, "inferenceProfiles needs exactly one default: the model is called through a profile");
        }
        if (Boolean.FALSE.equals(model.requiresInferenceProfile()) && defaults != 0) {
            problems.add(where, "inferenceProfiles has a default, but the model is called by its base id");
        }
    }

    private static void checkPricing(Pricing pricing, Fields fields, Where where, Problems problems) {
        if (pricing.unit() == null) {
            problems.add(where, "pricing.unit is missing");
            return;
        }
        switch (pricing.unit()) {
            case PER_MILLION_TOKENS -> {
                fields.require("pricing.inputPerMillionTokens", pricing.inputPerMillionTokens());
                fields.require("pricing.outputPerMillionTokens", pricing.outputPerMillionTokens());
            }
            case PER_IMAGE -> fields.require("pricing.perImage", pricing.perImage());
            case PER_SECOND -> fields.require("pricing.perSecond", pricing.perSecond());
            case LOCAL -> {
                // nothing to pay per use
            }
        }
        if (!"USD".equals(pricing.currency())) {
            problems.add(where, "pricing.currency must be USD");
        }
    }

    private static void checkTool(CatalogTool tool, Where where, Set<String> names, Problems problems) {
        Fields fields = new Fields(where, Set.of(), problems);
        fields.require("name", tool.name());
        fields.require("module", tool.module());
        fields.require("importLine", tool.importLine());
        fields.require("requiresConsent", tool.requiresConsent());
        fields.require("deprecated", tool.deprecated());
        fields.require("category", tool.category());
        fields.require("description", tool.description());
        if (tool.name() == null) {
            return;
        }
        if (!TOOL_NAME.matcher(tool.name()).matches()) {
            problems.add(where, "name must match " + TOOL_NAME.pattern());
        }
        if (!names.add(tool.name())) {
            problems.add(where, "name '" + tool.name() + "' appears twice");
        }
        if (tool.module() != null && !("from strands_tools import " + tool.module()).equals(tool.importLine())) {
            problems.add(where, "importLine must be 'from strands_tools import " + tool.module() + "'");
        }
        if (tool.category() != null && !TOOL_CATEGORIES.contains(tool.category())) {
            problems.add(where, "category must be one of " + TOOL_CATEGORIES);
        }
        if (tool.markedDeprecated() && tool.replacement() == null) {
            problems.add(where, "replacement is missing: a deprecated tool says what to use instead (or 'none: ...')");
        }
        if (tool.keywords().isEmpty()) {
            problems.add(where, "keywords is empty: tool suggestions need at least one");
        }
        tool.keywords().stream().filter(keyword -> !keyword.equals(keyword.toLowerCase().strip()))
                .forEach(keyword -> problems.add(where, "keyword '" + keyword + "' must be lower case, without outer spaces"));
        for (String name : concat(tool.environment(), tool.optionalEnvironment())) {
            if (!ENV_NAME.matcher(name).matches()) {
                problems.add(where, "environment variable '" + name + "' is not an upper-case name");
            }
        }
        tool.unsupportedPlatforms().stream().filter(platform -> !PLATFORMS.contains(platform))
                .forEach(platform -> problems.add(where, "unsupportedPlatforms has unknown '" + platform + "'"));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static JsonNode readTree(String name, InputStream json) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (tree == null || !tree.isObject()) {
                throw new CatalogException(name + " must hold a JSON object");
            }
            return tree;
        } catch (IOException e) {
            throw new CatalogException(name + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static <T> List<T> entries(String name, JsonNode file, String field, Class<T> type, Problems problems) {
        JsonNode array = file.get(field);
        List<T> entries = new ArrayList<>();
        if (array == null || !array.isArray() || array.isEmpty()) {
            problems.add(name, "'" + field + "' must be a non-empty array");
            return entries;
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode node = array.get(i);
            Where where = new Where(name, field + "[" + i + "]", text(node, node.has("id") ? "id" : "name"));
            try {
                entries.add(MAPPER.treeToValue(node, type));
            } catch (JsonMappingException e) {
                problems.add(where, pathOf(e) + ": " + e.getOriginalMessage());
            } catch (IOException e) {
                problems.add(where, e.getMessage());
            }
        }
        return entries;
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "entry" : path.toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** An entry of a catalog file: file, position and id. */
    private record Where(String file, String position, String id) {
        @Override
        public String toString() {
            return file + " " + position + (id == null ? "" : " (" + id + ")");
        }
    }

    /** Required fields of one entry; a field named in unknownFields may be null. */
    private record Fields(Where where, Set<String> unknown, Problems problems) {
        void require(String field, Object value) {
            if (value == null && !unknown.contains(field)) {
                problems.add(where, field + " is missing: fill it or name it in unknownFields");
            }
        }
    }

    private static final class Problems {
        private final List<String> messages = new ArrayList<>();

        void add(Object where, String message) {
            messages.add(where + ": " + message);
        }

        void throwIfAny() {
            if (!messages.isEmpty()) {
                throw new CatalogException("The catalog is broken (" + messages.size() + " problem(s)):\n  - "
                        + String.join("\n  - ", messages));
            }
        }
    }
}
