package cn.mailbox.site.pages;

import java.util.List;

/**
 * A list of letters: the archive, one unit's, nature's or year's letters, or a search
 * result.
 *
 * @param kind {@code archive}, {@code unit}, {@code nature}, {@code year} or
 * {@code search}
 * @param code the unit, nature or year code, or {@code null}
 * @param total how many letters the whole list holds, or -1 not to say (a page deep in
 * the list, which then need not change when the list grows)
 * @param items this page's letters, newest first
 * @param snippets highlighted excerpts by tracking number (search results only; plain
 * text)
 * @param pageLabel which page this is (for the heading), or {@code null} for the first
 * @param pager links to other pages
 * @param newer link to newer letters, or {@code null}
 * @param older link to older letters, or {@code null}
 * @param facets filters as links (may be empty)
 * @param query the search text shown in the box, or {@code null}
 * @param figures the list's handling figures (unit pages), or {@code null}
 * @param feed the list's Atom feed, or {@code null}
 */
public record ListPage(String kind, String code, long total, List<LetterSummary> items,
		java.util.Map<String, String> snippets, String pageLabel, List<PageLink> pager, String newer, String older,
		List<FacetGroup> facets, String query, Figures figures, String feed) {

	public ListPage {
		items = List.copyOf(items);
		snippets = (snippets != null) ? java.util.Map.copyOf(snippets) : java.util.Map.of();
		pager = List.copyOf(pager);
		facets = List.copyOf(facets);
	}

}
