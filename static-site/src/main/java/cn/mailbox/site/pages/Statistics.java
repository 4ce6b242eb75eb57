package cn.mailbox.site.pages;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Builds the statistics page from the published letters: on-time rate and median working
 * days per unit and per month received, and weekly and monthly reports. The periods are
 * counted back from the newest letter received, not from today, so a historical archive
 * still shows its last weeks.
 */
public final class Statistics {

	/** Units drawn in a chart (the most published first); the table lists them all. */
	static final int CHART_UNITS = 25;

	static final int WEEKS = 8;

	static final int MONTHS = 12;

	static final int CHART_MONTHS = 24;

	private Statistics() {
	}

	/**
	 * @param letters every published letter
	 * @param zone the time zone that decides a letter's day
	 * @param links where unit rows link to
	 * @param text message lookup (key, arguments) for chart titles
	 */
	public static StatsPage page(Collection<LetterSummary> letters, ZoneId zone, Links links,
			BiFunction<String, Object[], String> text) {
		Map<String, List<LetterSummary>> byUnit = new TreeMap<>();
		Map<String, List<LetterSummary>> byMonth = new TreeMap<>();
		Map<String, List<LetterSummary>> byWeek = new TreeMap<>();
		DateTimeFormatter month = DateTimeFormatter.ofPattern("yyyy-MM", Locale.ROOT);
		for (LetterSummary letter : letters) {
			for (String unit : letter.units()) {
				byUnit.computeIfAbsent(unit, (u) -> new ArrayList<>()).add(letter);
			}
			ZonedDateTime received = letter.receivedAt().atZone(zone);
			byMonth.computeIfAbsent(received.format(month), (m) -> new ArrayList<>()).add(letter);
			String week = String.format(Locale.ROOT, "%d-W%02d", received.get(IsoFields.WEEK_BASED_YEAR),
					received.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
			byWeek.computeIfAbsent(week, (w) -> new ArrayList<>()).add(letter);
		}
		List<ReportRow> units = byUnit.entrySet()
			.stream()
			.map((e) -> new ReportRow(e.getKey(), links.unit(e.getKey()), Figures.of(e.getValue())))
			.toList();
		List<ReportRow> charted = units.stream()
			.sorted(Comparator.comparingLong((ReportRow row) -> row.figures().published()).reversed())
			.limit(CHART_UNITS)
			.toList();
		List<ReportRow> months = rows(byMonth, Integer.MAX_VALUE);
		List<ReportRow> lastMonths = months.subList(Math.max(0, months.size() - CHART_MONTHS), months.size());
		String onTime = SvgCharts.bars("chart-on-time", text.apply("site.stats.chart.onTime", null),
				text.apply("site.stats.chart.onTime.desc", new Object[] { charted.size() }),
				bars(charted, (f) -> f.onTimeRate() * 100, (f) -> f.onTimePercent() + "%"), 100);
		String medianUnits = SvgCharts.bars("chart-median-unit", text.apply("site.stats.chart.medianUnit", null),
				text.apply("site.stats.chart.medianUnit.desc", new Object[] { charted.size() }),
				bars(charted, Figures::medianWorkingDays, Statistics::days), max(charted));
		String medianMonths = SvgCharts.bars("chart-median-month", text.apply("site.stats.chart.medianMonth", null),
				text.apply("site.stats.chart.medianMonth.desc", new Object[] { lastMonths.size() }),
				bars(lastMonths, Figures::medianWorkingDays, Statistics::days), max(lastMonths));
		return new StatsPage(Figures.of(letters), onTime, medianUnits, medianMonths, units,
				newestFirst(rows(byWeek, WEEKS)), newestFirst(rows(byMonth, MONTHS)));
	}

	private static List<ReportRow> rows(Map<String, List<LetterSummary>> periods, int last) {
		List<ReportRow> rows = periods.entrySet()
			.stream()
			.map((e) -> new ReportRow(e.getKey(), null, Figures.of(e.getValue())))
			.toList();
		return rows.subList(Math.max(0, rows.size() - last), rows.size());
	}

	private static List<ReportRow> newestFirst(List<ReportRow> rows) {
		List<ReportRow> reversed = new ArrayList<>(rows);
		java.util.Collections.reverse(reversed);
		return reversed;
	}

	private static List<SvgCharts.Bar> bars(List<ReportRow> rows, Function<Figures, Double> value,
			Function<Figures, String> text) {
		return rows.stream()
			.map((row) -> new SvgCharts.Bar(row.label(), value.apply(row.figures()), text.apply(row.figures())))
			.toList();
	}

	private static double max(List<ReportRow> rows) {
		return Math.max(1, rows.stream().mapToDouble((row) -> row.figures().medianWorkingDays()).max().orElse(1));
	}

	private static String days(Figures figures) {
		double median = figures.medianWorkingDays();
		return (median == Math.rint(median)) ? String.valueOf((long) median) : String.valueOf(median);
	}

}
