package cn.mailbox.site.pages;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Builds the statistics page from the published letters and the handling counts: on-time
 * rate, satisfaction rate and median working days per unit and per month received, and
 * weekly and monthly reports. The periods are counted back from the newest period with
 * letters, not from today, so a historical archive still shows its last weeks.
 * <p>
 * On time, overdue and the median come from the published letters' timers (anyone can
 * check them letter by letter); received, replied and satisfaction come from the
 * {@link HandlingCount counts}, since a letter's rating is not public, only the rate of a
 * unit or period is — and only where {@link RatingDisclosure} allows it: never over fewer
 * than the minimum number of ratings, never per week, and not where subtracting published
 * figures would isolate a small group.
 */
public final class Statistics {

	/**
	 * Units drawn in a chart (the most published or rated first); the table lists them
	 * all.
	 */
	static final int CHART_UNITS = 25;

	static final int WEEKS = 8;

	static final int MONTHS = 12;

	static final int CHART_MONTHS = 24;

	private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM", Locale.ROOT);

	private Statistics() {
	}

	/**
	 * The page without handling counts: the published letters' figures only.
	 * @see #page(Collection, HandlingCounts, ZoneId, Links, BiFunction)
	 */
	public static StatsPage page(Collection<LetterSummary> letters, ZoneId zone, Links links,
			BiFunction<String, Object[], String> text) {
		return page(letters, HandlingCounts.NONE, zone, links, text);
	}

	/**
	 * @param letters every published letter
	 * @param counts the handling counts, totals and per unit (may be
	 * {@link HandlingCounts#NONE})
	 * @param zone the time zone that decides a letter's day
	 * @param links where unit rows link to
	 * @param text message lookup (key, arguments) for chart titles
	 */
	public static StatsPage page(Collection<LetterSummary> letters, HandlingCounts counts, ZoneId zone, Links links,
			BiFunction<String, Object[], String> text) {
		Groups<LetterSummary> published = new Groups<>();
		for (LetterSummary letter : letters) {
			LocalDate day = letter.receivedAt().atZone(zone).toLocalDate();
			published.add(letter.units(), day, letter);
		}
		Groups<HandlingCount> handled = new Groups<>();
		for (HandlingCount count : counts.totals()) {
			handled.add(List.of(), count.day(), count);
		}
		counts.byUnit().forEach((unit, rows) -> {
			if (!unit.isEmpty()) {
				handled.byUnit.put(unit, rows);
			}
		});
		RatingDisclosure disclosure = counts.disclosure();
		int minimum = disclosure.minimum();
		List<ReportRow> units = new ArrayList<>();
		for (String unit : union(published.byUnit, handled.byUnit)) {
			List<LetterSummary> own = published.byUnit.getOrDefault(unit, List.of());
			units.add(new ReportRow(unit, own.isEmpty() ? null : links.unit(unit),
					Figures.of(own, handled.byUnit.getOrDefault(unit, List.of()))
						.disclosed(disclosure.unit(unit), minimum)));
		}
		List<ReportRow> months = rows(published.byMonth, handled.byMonth,
				(period) -> disclosure.month(YearMonth.parse(period)), minimum);
		List<ReportRow> weeks = rows(published.byWeek, handled.byWeek, (period) -> Withholding.WHOLE_MONTHS_ONLY,
				minimum);
		List<ReportRow> chartedUnits = top(units, (f) -> f.published() > 0, Figures::published);
		List<ReportRow> ratedUnits = top(units, Figures::hasRatings, Figures::rated);
		List<ReportRow> lastMonths = last(months, CHART_MONTHS);
		List<ReportRow> publishedMonths = lastMonths.stream().filter((row) -> row.figures().published() > 0).toList();
		List<ReportRow> ratedMonths = lastMonths.stream().filter((row) -> row.figures().hasRatings()).toList();
		List<Chart> charts = new ArrayList<>();
		chart(charts, "chart-on-time", "site.stats.chart.onTime", chartedUnits, text, Statistics::onTime, 100);
		chart(charts, "chart-satisfaction-unit", "site.stats.chart.satisfactionUnit", ratedUnits, text,
				Statistics::satisfaction, 100);
		chart(charts, "chart-median-unit", "site.stats.chart.medianUnit", chartedUnits, text, Statistics::median,
				maxMedian(chartedUnits));
		chart(charts, "chart-on-time-month", "site.stats.chart.onTimeMonth", publishedMonths, text, Statistics::onTime,
				100);
		chart(charts, "chart-satisfaction-month", "site.stats.chart.satisfactionMonth", ratedMonths, text,
				Statistics::satisfaction, 100);
		chart(charts, "chart-median-month", "site.stats.chart.medianMonth", publishedMonths, text, Statistics::median,
				maxMedian(publishedMonths));
		Figures overall = Figures.of(letters, counts.totals())
			.disclosed(disclosure.overall(displayedMonths(months.stream().map(ReportRow::label).toList())), minimum);
		return new StatsPage(overall, charts, units, newestFirst(last(weeks, WEEKS)), newestFirst(last(months, MONTHS)),
				minimum);
	}

	/**
	 * The whole archive's figures as the statistics page shows them (the home page): the
	 * satisfaction rate under the same rule.
	 * @param letters every published letter
	 * @param counts the handling counts
	 * @param zone the time zone that decides a letter's month
	 */
	public static Figures overall(Collection<LetterSummary> letters, HandlingCounts counts, ZoneId zone) {
		TreeSet<String> months = new TreeSet<>();
		for (LetterSummary letter : letters) {
			months.add(letter.receivedAt().atZone(zone).toLocalDate().format(MONTH));
		}
		for (HandlingCount count : counts.totals()) {
			months.add(count.day().format(MONTH));
		}
		RatingDisclosure disclosure = counts.disclosure();
		return Figures.of(letters, counts.totals())
			.disclosed(disclosure.overall(displayedMonths(List.copyOf(months))), disclosure.minimum());
	}

	/**
	 * The months whose totals the statistics page shows (its monthly chart reaches
	 * furthest back), oldest first labels in, months out.
	 */
	private static Set<YearMonth> displayedMonths(List<String> months) {
		return RatingDisclosure.months(months.subList(Math.max(0, months.size() - CHART_MONTHS), months.size()));
	}

	/**
	 * A unit page's figures: its published letters and its handling counts.
	 * @param unit the unit code
	 * @param letters the unit's published letters
	 * @param counts the handling counts (the unit's own are picked)
	 */
	public static Figures unit(String unit, Collection<LetterSummary> letters, HandlingCounts counts) {
		RatingDisclosure disclosure = counts.disclosure();
		return Figures.of(letters, counts.unit(unit)).disclosed(disclosure.unit(unit), disclosure.minimum());
	}

	private static void chart(List<Chart> charts, String id, String key, List<ReportRow> rows,
			BiFunction<String, Object[], String> text, Function<Figures, SvgCharts.Bar> bar, double max) {
		if (rows.isEmpty()) {
			return;
		}
		List<SvgCharts.Bar> bars = rows.stream().map((row) -> bar.apply(row.figures()).labelled(row.label())).toList();
		String title = text.apply(key, null);
		charts.add(new Chart(id, title,
				SvgCharts.bars(id, title, text.apply(key + ".desc", new Object[] { rows.size() }), bars, max), bars));
	}

	private static SvgCharts.Bar onTime(Figures figures) {
		return new SvgCharts.Bar("", figures.onTimeRate() * 100, figures.onTimePercent() + "%");
	}

	private static SvgCharts.Bar satisfaction(Figures figures) {
		return new SvgCharts.Bar("", figures.satisfactionRate() * 100, figures.satisfactionPercent() + "%");
	}

	private static SvgCharts.Bar median(Figures figures) {
		double median = figures.medianWorkingDays();
		return new SvgCharts.Bar("", median,
				(median == Math.rint(median)) ? String.valueOf((long) median) : String.valueOf(median));
	}

	private static List<ReportRow> top(List<ReportRow> rows, Predicate<Figures> shown, Function<Figures, Long> rank) {
		return rows.stream()
			.filter((row) -> shown.test(row.figures()))
			.sorted(Comparator.comparing((ReportRow row) -> rank.apply(row.figures())).reversed())
			.limit(CHART_UNITS)
			.toList();
	}

	private static List<ReportRow> rows(Map<String, List<LetterSummary>> published,
			Map<String, List<HandlingCount>> handled, Function<String, Withholding> disclosure, int minimum) {
		return union(published, handled).stream()
			.map((period) -> new ReportRow(period, null,
					Figures.of(published.getOrDefault(period, List.of()), handled.getOrDefault(period, List.of()))
						.disclosed(disclosure.apply(period), minimum)))
			.toList();
	}

	private static TreeSet<String> union(Map<String, ?> one, Map<String, ?> other) {
		TreeSet<String> keys = new TreeSet<>(one.keySet());
		keys.addAll(other.keySet());
		return keys;
	}

	private static List<ReportRow> last(List<ReportRow> rows, int count) {
		return rows.subList(Math.max(0, rows.size() - count), rows.size());
	}

	private static List<ReportRow> newestFirst(List<ReportRow> rows) {
		List<ReportRow> reversed = new ArrayList<>(rows);
		Collections.reverse(reversed);
		return reversed;
	}

	private static double maxMedian(List<ReportRow> rows) {
		return Math.max(1, rows.stream().mapToDouble((row) -> row.figures().medianWorkingDays()).max().orElse(1));
	}

	/** Items by unit, by month ({@code 2024-02}) and by ISO week ({@code 2024-W07}). */
	private static final class Groups<T> {

		final Map<String, List<T>> byUnit = new TreeMap<>();

		final Map<String, List<T>> byMonth = new TreeMap<>();

		final Map<String, List<T>> byWeek = new TreeMap<>();

		void add(List<String> units, LocalDate day, T item) {
			for (String unit : units) {
				this.byUnit.computeIfAbsent(unit, (u) -> new ArrayList<>()).add(item);
			}
			this.byMonth.computeIfAbsent(day.format(MONTH), (m) -> new ArrayList<>()).add(item);
			String week = String.format(Locale.ROOT, "%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR),
					day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
			this.byWeek.computeIfAbsent(week, (w) -> new ArrayList<>()).add(item);
		}

	}

}
