package cn.mailbox.site.pages;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The minimum group size of published satisfaction rates (five ratings by default): a
 * unit with one rating shows no rate on any page, a unit with five shows the exact rate,
 * and a small month cannot be found by subtracting published figures from each other.
 */
class RatingDisclosureTests {

	static final SitePages PAGES = StatisticsTests.PAGES;

	static final LocalDate JAN = LocalDate.of(2024, 1, 10);

	static final LocalDate FEB = LocalDate.of(2024, 2, 10);

	static final LocalDate MAR = LocalDate.of(2024, 3, 10);

	/** "lonely" has one rating (satisfied); "water" ten, five of them satisfied. */
	static final HandlingCounts ONE_RATING = HandlingCounts
		.of(List.of(count(null, JAN, 11, 6), count("water", JAN, 10, 5), count("lonely", JAN, 1, 1)));

	/** Figures that would show a rate over one to four ratings. */
	static final Pattern FEW_RATINGS_SHOWN = Pattern
		.compile("\\(\\d+/[1-4]\\)|\\d+% \\([1-4] ratings?\\)|\\d+%（[1-4] 件评价）");

	@Test
	void aUnitWithOneRatingShowsNoRateOnAnyPage() {
		List<String> pages = new ArrayList<>();
		for (Locale locale : List.of(Locale.ENGLISH, SitePages.CHINESE)) {
			StatsPage stats = Statistics.page(List.of(), ONE_RATING, StatisticsTests.ZONE, Links.live(),
					(key, args) -> PAGES.message(key, locale, args));
			pages.add(PAGES.stats(stats, Links.live(), locale));
			pages.add(unitPage("lonely", ONE_RATING, locale));
			pages.add(PAGES.home(new HomePage(Statistics.overall(List.of(), ONE_RATING, StatisticsTests.ZONE),
					List.of(), List.of(), List.of(), List.of()), Links.live(), locale));
			assertThat(stats.units()).filteredOn((row) -> row.label().equals("lonely"))
				.singleElement()
				.satisfies((row) -> {
					assertThat(row.figures().hasRatings()).isFalse();
					assertThat(row.figures().satisfaction()).isEqualTo(Withholding.FEW_RATINGS);
					assertThat(row.figures().rated()).isZero();
					assertThat(row.figures().satisfied()).isZero();
				});
			for (Chart chart : stats.charts()) {
				if (chart.id().startsWith("chart-satisfaction")) {
					assertThat(chart.bars()).extracting(SvgCharts.Bar::label).doesNotContain("lonely");
					assertThat(chart.svg()).doesNotContain("lonely");
				}
			}
		}
		for (String html : pages) {
			assertThat(FEW_RATINGS_SHOWN.matcher(html).find()).as(html).isFalse();
		}
		assertThat(pages.get(0)).contains("Fewer than 5 ratings: not published", "50% (5/10)");
		assertThat(pages.get(1)).contains("Fewer than 5 ratings: not published").doesNotContain("100%");
		assertThat(pages.get(3)).contains("评价不足 5 件，不公布满意率");
		assertThat(pages.get(4)).contains("评价不足 5 件，不公布满意率").doesNotContain("100%");
	}

	@Test
	void aUnitWithFiveRatingsShowsItsExactRate() {
		HandlingCounts counts = HandlingCounts.of(List.of(count(null, JAN, 5, 3), count("roads", JAN, 5, 3)));
		Figures roads = Statistics.unit("roads", List.of(), counts);
		assertThat(roads.hasRatings()).isTrue();
		assertThat(roads.satisfactionPercent()).isEqualTo(60);
		assertThat(unitPage("roads", counts, Locale.ENGLISH)).contains("60% (5 ratings)");
		StatsPage page = Statistics.page(List.of(), counts, StatisticsTests.ZONE, Links.live(),
				(key, args) -> PAGES.message(key, Locale.ENGLISH, args));
		assertThat(PAGES.stats(page, Links.live(), Locale.ENGLISH)).contains("60% (3/5)");
		assertThat(counts.disclosure().row("roads", "complaint", null, null).rate()).isEqualTo(0.6);
	}

	/**
	 * January has ten ratings, February one, March eight: January and March show, and
	 * every figure that holds February is withheld, so no published figure minus another
	 * leaves February's single rating.
	 */
	@Test
	void oneSmallMonthNextToLargeOnesCannotBeFoundBySubtraction() {
		HandlingCounts counts = HandlingCounts
			.of(List.of(count(null, JAN, 10, 10), count(null, FEB, 1, 0), count(null, MAR, 8, 4),
					count("water", JAN, 10, 10), count("water", FEB, 1, 0), count("water", MAR, 8, 4)));
		RatingDisclosure disclosure = counts.disclosure();
		assertThat(disclosure.unit("water")).isEqualTo(Withholding.PROTECTS_SMALL_GROUP);
		assertThat(disclosure.month(YearMonth.of(2024, 1))).isEqualTo(Withholding.SHOWN);
		assertThat(disclosure.month(YearMonth.of(2024, 2))).isEqualTo(Withholding.FEW_RATINGS);
		assertThat(disclosure.row("water", "complaint", null, null).rate()).isNull();
		assertThat(disclosure.row("water", "complaint", JAN.withDayOfMonth(1), LocalDate.of(2024, 1, 31)).rate())
			.isEqualTo(1.0);
		assertThat(disclosure.row("water", "complaint", JAN.withDayOfMonth(1), LocalDate.of(2024, 2, 29)).rate())
			.isNull();
		assertThat(disclosure.row("water", "complaint", LocalDate.of(2024, 1, 2), null).withholding())
			.isEqualTo(Withholding.WHOLE_MONTHS_ONLY);

		List<Published> published = published(counts, "water", List.of(JAN, FEB, MAR));
		assertThat(published).extracting(Published::rated).contains(10L, 8L);
		for (Published whole : published) {
			assertThat(isSmall(whole.rated())).as(whole.toString()).isFalse();
			for (Published part : published) {
				if (whole != part && whole.months().containsAll(part.months())) {
					assertThat(isSmall(whole.rated() - part.rated())).as(whole + " minus " + part).isFalse();
				}
			}
		}
		StatsPage page = Statistics.page(List.of(), counts, StatisticsTests.ZONE, Links.live(),
				(key, args) -> PAGES.message(key, Locale.ENGLISH, args));
		String html = PAGES.stats(page, Links.live(), Locale.ENGLISH);
		assertThat(html)
			.contains("100% (10/10)", "50% (4/8)", "Not published (it would reveal the rate of fewer than 5")
			.doesNotContain("(14/19)", "(10/11)", "(4/9)");
	}

	/** Five months of one rating each are, together, a group of five: the total shows. */
	@Test
	void smallMonthsThatTogetherReachTheMinimumDoNotHideTheTotal() {
		List<HandlingCount> rows = new ArrayList<>(List.of(count("water", JAN, 10, 10)));
		for (int month = 2; month <= 6; month++) {
			rows.add(count("water", LocalDate.of(2024, month, 3), 1, 1));
		}
		assertThat(HandlingCounts.of(rows).disclosure().unit("water")).isEqualTo(Withholding.SHOWN);
		rows.remove(rows.size() - 1);
		assertThat(HandlingCounts.of(rows).disclosure().unit("water")).isEqualTo(Withholding.PROTECTS_SMALL_GROUP);
	}

	@Test
	void weeksShowNoRateAndTheMinimumIsConfigurable() {
		StatsPage page = Statistics.page(List.of(), StatisticsTests.COUNTS, StatisticsTests.ZONE, Links.live(),
				(key, args) -> PAGES.message(key, Locale.ENGLISH, args));
		assertThat(page.weekly()).allSatisfy((row) -> assertThat(row.figures().hasRatings()).isFalse());
		assertThat(PAGES.stats(page, Links.live(), Locale.ENGLISH)).contains("Published by whole month only",
				"fewer than 5 ratings is not published");
		HandlingCounts lenient = HandlingCounts
			.of(List.of(count(null, JAN, 11, 6), count("water", JAN, 10, 5), count("lonely", JAN, 1, 1)), 1);
		assertThat(Statistics.unit("lonely", List.of(), lenient).satisfactionPercent()).isEqualTo(100);
		HandlingCounts strict = HandlingCounts.of(List.of(count(null, JAN, 11, 6), count("water", JAN, 10, 5)), 20);
		assertThat(Statistics.unit("water", List.of(), strict).satisfaction()).isEqualTo(Withholding.FEW_RATINGS);
	}

	/** A figure a reader can see, with the months of "water" it sums up. */
	record Published(String where, Set<YearMonth> months, long rated) {
	}

	/**
	 * Every satisfaction figure of one unit's ratings that the pages and the API publish:
	 * the unit's row, each month's total, the whole mailbox, and the API over every
	 * window of whole months (open ends included).
	 */
	private static List<Published> published(HandlingCounts counts, String unit, List<LocalDate> days) {
		Set<YearMonth> all = new TreeSet<>();
		days.forEach((day) -> all.add(YearMonth.from(day)));
		List<Published> published = new ArrayList<>();
		StatsPage page = Statistics.page(List.of(), counts, StatisticsTests.ZONE, Links.live(), (key, args) -> key);
		page.units()
			.stream()
			.filter((row) -> row.label().equals(unit) && row.figures().hasRatings())
			.forEach((row) -> published.add(new Published("unit", all, row.figures().rated())));
		page.monthly()
			.stream()
			.filter((row) -> row.figures().hasRatings())
			.forEach((row) -> published.add(new Published("month " + row.label(), Set.of(YearMonth.parse(row.label())),
					row.figures().rated())));
		if (page.overall().hasRatings()) {
			published.add(new Published("overall", all, page.overall().rated()));
		}
		List<YearMonth> ends = new ArrayList<>(all);
		ends.add(0, null);
		for (YearMonth from : ends) {
			for (YearMonth to : ends) {
				if (from != null && to != null && to.isBefore(from)) {
					continue;
				}
				SatisfactionFigure figure = counts.disclosure()
					.row(unit, "complaint", (from != null) ? from.atDay(1) : null,
							(to != null) ? to.atEndOfMonth() : null);
				if (figure.rate() != null) {
					Set<YearMonth> months = new TreeSet<>();
					for (YearMonth month : all) {
						if ((from == null || !month.isBefore(from)) && (to == null || !month.isAfter(to))) {
							months.add(month);
						}
					}
					published.add(new Published("api " + from + ".." + to, months, figure.rated()));
				}
			}
		}
		return published;
	}

	private static boolean isSmall(long rated) {
		return rated >= 1 && rated <= 4;
	}

	private static String unitPage(String unit, HandlingCounts counts, Locale locale) {
		ListPage list = new ListPage("unit", unit, 0, List.of(), java.util.Map.of(), null, List.of(), null, null,
				List.of(), null, Statistics.unit(unit, List.of(), counts), null);
		return PAGES.list(list, Links.live(), locale);
	}

	private static HandlingCount count(String unit, LocalDate day, long rated, long satisfied) {
		return new HandlingCount(unit, (unit != null) ? "complaint" : null, day, rated, rated, rated, satisfied);
	}

}
