package cn.mailbox.search;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A request to the public archive: query text, filters, order and page.
 * <p>
 * The text {@code q} uses the journalists' search-box language: space-separated terms
 * must all match, {@code "quoted phrases"} match exactly, {@code OR} between terms,
 * {@code -term} excludes, {@code title:} and {@code reply:} restrict a term to one field.
 * Any text is accepted: what cannot be parsed is searched as literal text, so a query
 * never fails.
 * <p>
 * Paging: {@code page} (0-based) and {@code size} serve the first pages; for deep paging
 * pass the {@link ArchivePage#nextCursor()} of the previous page as {@code cursor} (then
 * {@code page} is ignored).
 *
 * @param q the query text, or {@code null}/blank for every record
 * @param filters values per filter key ({@link #FILTER_KEYS}); values of one key are
 * OR-ed, keys are AND-ed. A letter with several units matches any of them.
 * @param onTime only letters answered on time ({@code true}) or late ({@code false}), or
 * {@code null} for both
 * @param from earliest day received (inclusive, in the index's time zone), or
 * {@code null}
 * @param to latest day received (inclusive), or {@code null}
 * @param sort the order, or {@code null} for relevance with text and newest without
 * @param page the 0-based page number when no cursor is given
 * @param size hits per page, 1 to {@value #MAX_SIZE}
 * @param cursor the opaque cursor from the previous page, or {@code null}
 * @param facets whether to count facet values
 */
public record ArchiveQuery(String q, Map<String, List<String>> filters, Boolean onTime, LocalDate from, LocalDate to,
		ArchiveSort sort, int page, int size, String cursor, boolean facets) {

	/** The keys {@link #filters()} accepts. */
	public static final Set<String> FILTER_KEYS = Set.of("unit", "nature", "field", "region", "year");

	/** The largest page size. */
	public static final int MAX_SIZE = 200;

	/** How far page/size paging reaches; deeper pages need a cursor. */
	public static final int MAX_WINDOW = 10_000;

	public ArchiveQuery {
		filters = copyFilters(filters);
		if (from != null && to != null && from.isAfter(to)) {
			throw new IllegalArgumentException("from must not be after to");
		}
		if (size < 1 || size > MAX_SIZE) {
			throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE);
		}
		if (page < 0 || (long) (page + 1) * size > MAX_WINDOW) {
			throw new IllegalArgumentException(
					"page must be >= 0 and page*size within " + MAX_WINDOW + "; use the cursor for deeper pages");
		}
		cursor = (cursor == null || cursor.isBlank()) ? null : cursor.strip();
	}

	/** Every record, newest first, first page of the given size, with facets. */
	public static ArchiveQuery all(int size) {
		return new ArchiveQuery(null, Map.of(), null, null, null, null, 0, size, null, true);
	}

	/** The given text, default order, first page of the given size, with facets. */
	public static ArchiveQuery text(String q, int size) {
		return new ArchiveQuery(q, Map.of(), null, null, null, null, 0, size, null, true);
	}

	/** This query continued after the given cursor. */
	public ArchiveQuery after(String nextCursor) {
		return new ArchiveQuery(this.q, this.filters, this.onTime, this.from, this.to, this.sort, 0, this.size,
				Objects.requireNonNull(nextCursor, "nextCursor"), this.facets);
	}

	/**
	 * The order actually used: the given one, else relevance with text and newest
	 * without.
	 */
	public ArchiveSort effectiveSort() {
		if (this.sort != null) {
			return this.sort;
		}
		return (this.q == null || this.q.isBlank()) ? ArchiveSort.NEWEST : ArchiveSort.RELEVANCE;
	}

	private static Map<String, List<String>> copyFilters(Map<String, List<String>> filters) {
		if (filters == null) {
			return Map.of();
		}
		Map<String, List<String>> copy = new LinkedHashMap<>();
		filters.forEach((key, values) -> {
			if (!FILTER_KEYS.contains(key)) {
				throw new IllegalArgumentException("unknown filter " + key + "; known: " + FILTER_KEYS);
			}
			List<String> kept = (values == null) ? List.of()
					: values.stream().filter(Objects::nonNull).map(String::strip).filter((v) -> !v.isEmpty()).toList();
			if (!kept.isEmpty()) {
				copy.put(key, List.copyOf(kept));
			}
		});
		return Map.copyOf(copy);
	}

}
