package cn.mailbox.site.pages;

import java.util.List;

/**
 * The statistics page: figures, charts as inline SVG made on the server, and reports.
 *
 * @param overall the whole archive
 * @param onTimeByUnit SVG: on-time rate per unit
 * @param medianByUnit SVG: median working days per unit
 * @param medianByMonth SVG: median working days per month received
 * @param units per-unit rows
 * @param weekly the last weeks with letters, newest first
 * @param monthly the last months with letters, newest first
 */
public record StatsPage(Figures overall, String onTimeByUnit, String medianByUnit, String medianByMonth,
		List<ReportRow> units, List<ReportRow> weekly, List<ReportRow> monthly) {

	public StatsPage {
		units = List.copyOf(units);
		weekly = List.copyOf(weekly);
		monthly = List.copyOf(monthly);
	}

}
