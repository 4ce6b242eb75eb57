package cn.mailbox.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of archive results.
 *
 * @param total how many records match in all
 * @param items the hits on this page
 * @param facets counts per facet ({@link #FACETS}) and value, largest first; empty when
 * not asked for. Counts are over the current matches (filters included).
 * @param nextCursor pass to {@link ArchiveQuery#after(String)} for the next page, or
 * {@code null} on the last page
 */
public record ArchivePage(long total, List<ArchiveHit> items, Map<String, Map<String, Long>> facets,
		String nextCursor) {

	/** The facets counted, in this order. */
	public static final List<String> FACETS = List.of("unit", "nature", "field", "region", "year", "onTime");

	public ArchivePage {
		items = List.copyOf(items);
		Map<String, Map<String, Long>> copy = new LinkedHashMap<>();
		facets.forEach(
				(dim, counts) -> copy.put(dim, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts))));
		facets = java.util.Collections.unmodifiableMap(copy);
	}

}
