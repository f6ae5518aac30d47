package io.agentfoundry.registry.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One page of a list; pages count from 0.
 *
 * @param catalogVersion for catalog lists: the version of the catalog the items come from
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PageView<T>(String catalogVersion, List<T> items, int page, int size, long totalItems, int totalPages) {

    /** Cuts one page out of a whole list. */
    public static <T> PageView<T> of(String catalogVersion, List<T> all, int page, int size) {
        int from = (int) Math.min((long) page * size, all.size());
        int to = Math.min(from + size, all.size());
        return new PageView<>(catalogVersion, all.subList(from, to), page, size, all.size(), pages(all.size(), size));
    }

    public static <T> PageView<T> of(List<T> items, long total, int page, int size) {
        return new PageView<>(null, items, page, size, total, pages(total, size));
    }

    private static int pages(long total, int size) {
        return (int) ((total + size - 1) / size);
    }
}
