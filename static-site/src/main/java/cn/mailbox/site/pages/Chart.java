package cn.mailbox.site.pages;

import java.util.List;

/**
 * A chart of the statistics page: the SVG drawn on the server and the same bars again,
 * which the page lists in a table for readers who cannot see the picture.
 *
 * @param id the SVG's id on the page
 * @param title the chart's title
 * @param svg the {@code <svg>} element
 * @param bars what it shows, top to bottom
 */
public record Chart(String id, String title, String svg, List<SvgCharts.Bar> bars) {

	public Chart {
		bars = List.copyOf(bars);
	}

}
