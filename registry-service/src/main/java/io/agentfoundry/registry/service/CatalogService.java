package io.agentfoundry.registry.service;

import io.agentfoundry.registry.config.RegistryConfig;
import io.agentfoundry.registry.domain.catalog.Capability;
import io.agentfoundry.registry.domain.catalog.Catalog;
import io.agentfoundry.registry.domain.catalog.CatalogModel;
import io.agentfoundry.registry.domain.catalog.CatalogTool;
import io.agentfoundry.registry.domain.catalog.LifecycleStatus;
import io.agentfoundry.registry.domain.catalog.Provider;
import io.agentfoundry.registry.domain.catalog.UseCase;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/** The catalogs this instance serves, loaded and checked once at start: a broken catalog stops the start. */
@Startup
@ApplicationScoped
public class CatalogService {

    /** Fields GET /api/models sorts by; a leading '-' sorts descending. Models without the value come last. */
    public static final Map<String, Function<CatalogModel, Comparable<?>>> SORTS = sorts();

    private final Catalog catalog;

    CatalogService(RegistryConfig config) {
        this.catalog = CatalogLoader.fromClassPath(config.catalog().modelsResource(), config.catalog().toolsResource());
    }

    /** Filters of the model list; null means any. {@code lifecycle} is judged on today's date. */
    public record ModelFilter(Provider provider, Capability capability, UseCase useCase, Boolean recommended,
                              LifecycleStatus lifecycle, Boolean agentUsable) {
    }

    /** A live model for a use case, and why. */
    public record Recommendation(CatalogModel model, String reason) {
    }

    /** A model the catalog recommends for the use case that cannot be recommended today, and why. */
    public record Exclusion(CatalogModel model, String reason) {
    }

    public record Recommendations(UseCase useCase, List<Recommendation> recommended, List<Exclusion> excluded) {
    }

    public Catalog catalog() {
        return catalog;
    }

    /** The day lifecycles are judged on: a model whose end-of-life date has come is EOL from that day. */
    public LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /**
     * @param sort a key of {@link #SORTS}, optionally prefixed with '-'; null keeps the catalog's order
     */
    public List<CatalogModel> models(ModelFilter filter, String sort) {
        LocalDate today = today();
        Stream<CatalogModel> models = catalog.models().stream()
                .filter(model -> filter.provider() == null || model.provider() == filter.provider())
                .filter(model -> filter.capability() == null || model.has(filter.capability()))
                .filter(model -> filter.useCase() == null || model.useCases().contains(filter.useCase()))
                .filter(model -> filter.recommended() == null || filter.recommended() != model.recommendedFor().isEmpty())
                .filter(model -> filter.lifecycle() == null || model.lifecycleOn(today) == filter.lifecycle())
                .filter(model -> filter.agentUsable() == null || filter.agentUsable() == model.canBeAgentLlm());
        if (sort != null) {
            models = models.sorted(comparator(sort));
        }
        return models.toList();
    }

    /**
     * The catalog's picks for a use case that are live today. A pick that is no longer live is replaced by its live
     * successor, with the reason; a pick without one is listed as excluded.
     */
    public Recommendations recommend(UseCase useCase) {
        LocalDate today = today();
        Map<String, Recommendation> recommended = new LinkedHashMap<>();
        List<Exclusion> excluded = new ArrayList<>();
        for (CatalogModel pick : catalog.models()) {
            if (!pick.recommendedFor().contains(useCase)) {
                continue;
            }
            LifecycleStatus status = pick.lifecycleOn(today);
            if (status != null && status.isLive()) {
                recommended.putIfAbsent(pick.id(), new Recommendation(pick, pick.recommendationReason()));
                continue;
            }
            String state = status == null ? "of unknown lifecycle" : status == LifecycleStatus.EOL
                    ? "past its end of life" + (pick.lifecycle().eolDate() == null ? "" : " (" + pick.lifecycle().eolDate() + ")")
                    : "legacy";
            Optional<CatalogModel> successor = Optional.ofNullable(pick.lifecycle()).map(lifecycle -> lifecycle.successor())
                    .flatMap(catalog::model)
                    .filter(next -> next.lifecycleOn(today) != null && next.lifecycleOn(today).isLive());
            if (successor.isPresent()) {
                CatalogModel next = successor.get();
                recommended.putIfAbsent(next.id(), new Recommendation(next, pick.displayName() + ", the catalog's "
                        + useCase.label() + " pick, is " + state + "; " + next.displayName() + " is its live successor. "
                        + next.recommendationReason()));
            } else {
                excluded.add(new Exclusion(pick, pick.displayName() + " is " + state
                        + " and the catalog names no live successor"));
            }
        }
        return new Recommendations(useCase, List.copyOf(recommended.values()), excluded);
    }

    /**
     * @param platform tools that work on it; null for any
     */
    public List<CatalogTool> tools(String category, String platform, Boolean deprecated) {
        return catalog.tools().stream()
                .filter(tool -> category == null || tool.category().equalsIgnoreCase(category))
                .filter(tool -> platform == null || tool.worksOn(platform))
                .filter(tool -> deprecated == null || deprecated == tool.markedDeprecated())
                .toList();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<CatalogModel> comparator(String sort) {
        boolean descending = sort.startsWith("-");
        Function key = SORTS.get(descending ? sort.substring(1) : sort);
        if (key == null) {
            throw new InvalidQueryException("sort must be one of " + SORTS.keySet() + ", optionally with a leading '-'");
        }
        Comparator<Comparable> values = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
        Comparator<CatalogModel> byKey = Comparator.comparing(key, Comparator.nullsLast(values));
        return byKey.thenComparing(CatalogModel::id);
    }

    private static Map<String, Function<CatalogModel, Comparable<?>>> sorts() {
        Map<String, Function<CatalogModel, Comparable<?>>> sorts = new LinkedHashMap<>();
        sorts.put("id", CatalogModel::id);
        sorts.put("displayName", model -> model.displayName().toLowerCase());
        sorts.put("provider", CatalogModel::provider);
        sorts.put("family", CatalogModel::family);
        sorts.put("contextWindow", CatalogModel::contextWindow);
        sorts.put("maxOutputTokens", CatalogModel::maxOutputTokens);
        sorts.put("inputPrice", model -> model.pricing().inputPerMillionTokens());
        sorts.put("outputPrice", model -> model.pricing().outputPerMillionTokens());
        sorts.put("checkedAt", CatalogModel::checkedAt);
        return Collections.unmodifiableMap(sorts);
    }
}
