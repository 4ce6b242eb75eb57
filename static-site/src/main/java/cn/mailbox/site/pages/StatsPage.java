package cn.mailbox.site.pages;

import java.util.List;

/**
 * The statistics page: figures, charts as inline SVG made on the server, and reports.
 *
 * @param overall the whole archive
 * @param charts on-time rate, satisfaction rate and median working days, per unit and per
 * month received (a chart with nothing to draw is left out)
 * @param units per-unit rows
 * @param weekly the last weeks with letters, newest first
 * @param monthly the last months with letters, newest first
 * @param minimumRatings the fewest ratings a published satisfaction rate is made of
 */
public record StatsPage(Figures overall, List<Chart> charts, List<ReportRow> units, List<ReportRow> weekly,
		List<ReportRow> monthly, int minimumRatings) {

	public StatsPage {
		charts = List.copyOf(charts);
		units = List.copyOf(units);
		weekly = List.copyOf(weekly);
		monthly = List.copyOf(monthly);
	}

}
