package cn.mailbox.site.pages;

import java.util.List;

/**
 * The transparency site's front page.
 *
 * @param overall figures of the whole archive
 * @param newest the newest letters
 * @param units units as links with counts
 * @param natures natures as links with counts
 * @param years years as links with counts
 */
public record HomePage(Figures overall, List<LetterSummary> newest, List<PageLink> units, List<PageLink> natures,
		List<PageLink> years) {

	public HomePage {
		newest = List.copyOf(newest);
		units = List.copyOf(units);
		natures = List.copyOf(natures);
		years = List.copyOf(years);
	}

}
