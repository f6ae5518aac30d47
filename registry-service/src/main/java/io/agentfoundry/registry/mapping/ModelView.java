package io.agentfoundry.registry.mapping;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.agentfoundry.registry.domain.catalog.Catalog;
import io.agentfoundry.registry.domain.catalog.CatalogModel;
import io.agentfoundry.registry.domain.catalog.LifecycleStatus;

import java.time.LocalDate;
import java.util.List;

/**
 * A catalog model as the API shows it: the catalog entry, its status today (an announced end-of-life date that has
 * come makes it EOL) and every name a spec may use for it.
 */
public record ModelView(@JsonUnwrapped CatalogModel model, LifecycleStatus lifecycleStatus, List<String> names) {

    public static ModelView of(CatalogModel model, LocalDate today) {
        return new ModelView(model, model.lifecycleOn(today), Catalog.namesOf(model));
    }
}
