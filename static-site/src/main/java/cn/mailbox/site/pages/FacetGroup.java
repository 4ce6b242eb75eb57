package cn.mailbox.site.pages;

import java.util.List;

/**
 * The values of one filter (unit, nature, year, ...) with their counts, as links.
 *
 * @param key the filter key; its heading is the message {@code site.facet.<key>}
 * @param values the values
 */
public record FacetGroup(String key, List<PageLink> values) {

	public FacetGroup {
		values = List.copyOf(values);
	}

}
