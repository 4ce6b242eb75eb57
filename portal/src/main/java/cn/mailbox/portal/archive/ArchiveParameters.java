package cn.mailbox.portal.archive;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.util.MultiValueMap;

import cn.mailbox.search.ArchiveQuery;
import cn.mailbox.search.ArchiveSort;

/**
 * Turns the archive API's query parameters into an {@link ArchiveQuery}, naming the
 * parameter that is wrong. The API counts pages from 1, the index from 0.
 */
final class ArchiveParameters {

	static final int DEFAULT_SIZE = 20;

	static final List<String> FILTERS = List.of("unit", "nature", "field", "region", "year");

	/** The years a {@code from}/{@code to} filter may name. */
	static final int MIN_YEAR = 1900;

	static final int MAX_YEAR = 9999;

	private ArchiveParameters() {
	}

	static ArchiveQuery query(MultiValueMap<String, String> params, boolean facets) {
		return query(params, facets, null);
	}

	/**
	 * @param params the request's query parameters
	 * @param facets whether to count facets
	 * @param size the page size to use instead of the {@code size} parameter, or
	 * {@code null}
	 */
	static ArchiveQuery query(MultiValueMap<String, String> params, boolean facets, Integer size) {
		LocalDate from = date(params, "from");
		LocalDate to = date(params, "to");
		if (from != null && to != null && from.isAfter(to)) {
			throw new InvalidArchiveParameter("to");
		}
		int pageSize = (size != null) ? size : number(params, "size", DEFAULT_SIZE);
		if (pageSize < 1 || pageSize > ArchiveQuery.MAX_SIZE) {
			throw new InvalidArchiveParameter("size");
		}
		int page = (size != null) ? 1 : number(params, "page", 1);
		if (page < 1 || (long) page * pageSize > ArchiveQuery.MAX_WINDOW) {
			throw new InvalidArchiveParameter("page");
		}
		return new ArchiveQuery(params.getFirst("q"), filters(params), onTime(params), from, to, sort(params), page - 1,
				pageSize, params.getFirst("cursor"), facets);
	}

	static LocalDate date(MultiValueMap<String, String> params, String name) {
		String value = params.getFirst(name);
		if (value == null || value.isBlank()) {
			return null;
		}
		LocalDate date;
		try {
			date = LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidArchiveParameter(name);
		}
		// ISO dates may carry a year up to ±999999999, which neither Instant arithmetic
		// nor
		// PostgreSQL's timestamps can hold: refuse them here instead of failing later.
		if (date.getYear() < MIN_YEAR || date.getYear() > MAX_YEAR) {
			throw new InvalidArchiveParameter(name);
		}
		return date;
	}

	private static Map<String, List<String>> filters(MultiValueMap<String, String> params) {
		Map<String, List<String>> filters = new LinkedHashMap<>();
		for (String key : FILTERS) {
			List<String> values = params.get(key);
			if (values != null) {
				filters.put(key, values);
			}
		}
		return filters;
	}

	private static Boolean onTime(MultiValueMap<String, String> params) {
		String value = params.getFirst("onTime");
		if (value == null || value.isBlank()) {
			return null;
		}
		return switch (value.strip().toLowerCase(Locale.ROOT)) {
			case "true" -> Boolean.TRUE;
			case "false" -> Boolean.FALSE;
			default -> throw new InvalidArchiveParameter("onTime");
		};
	}

	private static ArchiveSort sort(MultiValueMap<String, String> params) {
		String value = params.getFirst("sort");
		if (value == null || value.isBlank()) {
			return null;
		}
		return switch (value.strip().toLowerCase(Locale.ROOT)) {
			case "relevance" -> ArchiveSort.RELEVANCE;
			case "newest" -> ArchiveSort.NEWEST;
			case "oldest" -> ArchiveSort.OLDEST;
			default -> throw new InvalidArchiveParameter("sort");
		};
	}

	private static int number(MultiValueMap<String, String> params, String name, int fallback) {
		String value = params.getFirst(name);
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			return Integer.parseInt(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidArchiveParameter(name);
		}
	}

}
