package io.agentfoundry.registry.domain.catalog;

import java.time.LocalDate;

/**
 * @param status    as of the catalog's date; null only where the catalog names it unknown
 * @param eolDate   the end-of-life date, past or announced; null where none is known
 * @param successor catalog id of the live model to move to; null where none
 */
public record Lifecycle(LifecycleStatus status, LocalDate eolDate, String successor) {

    /** The status on a given day: a model whose announced end-of-life date has come is EOL, whatever it was. */
    public LifecycleStatus statusOn(LocalDate day) {
        if (eolDate != null && !day.isBefore(eolDate)) {
            return LifecycleStatus.EOL;
        }
        return status;
    }
}
