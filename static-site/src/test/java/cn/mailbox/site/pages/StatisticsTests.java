package cn.mailbox.site.pages;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import cn.mailbox.publication.PublicRecord;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statistics page's figures on a fixture small enough to count by hand: letters to
 * "water" received in January 2024 (two of them published, one on time), ten rated and
 * five of the ratings satisfied; and the minimum group size of satisfaction rates (five
 * ratings) with the subtraction it must not allow.
 */
class StatisticsTests {

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	static final SitePages PAGES = SitePages.create(ZONE);

	static final LocalDate JAN_8 = LocalDate.of(2024, 1, 8);

	static final LocalDate JAN_9 = LocalDate.of(2024, 1, 9);

	static final LocalDate FEB_6 = LocalDate.of(2024, 2, 6);

	/**
	 * Twelve received, twelve replied, ten rated, five satisfied (all "water"); one
	 * letter also for "roads" (handled jointly, not rated) and one not assigned.
	 */
	static final HandlingCounts COUNTS = HandlingCounts
		.of(List.of(count(null, JAN_8, 7, 5, 5), count(null, JAN_9, 5, 5, 0), count("water", JAN_8, 6, 5, 5),
				count("water", JAN_9, 5, 5, 0), count("roads", JAN_9, 1, 0, 0), count("", JAN_8, 1, 0, 0)));

	static final List<LetterSummary> PUBLISHED = List.of(letter("W1", "2024-01-08T02:00:00Z", 2, true),
			letter("W2", "2024-01-09T02:00:00Z", 6, false));

	@Test
	void countsSatisfactionOverRatedLettersAndTimersOverPublishedOnes() {
		StatsPage page = page(Locale.ENGLISH);
		assertThat(page.overall()).isEqualTo(new Figures(2, 1, 0.5, 4, 12, 12, 10, 5, Withholding.SHOWN, 5));
		assertThat(page.overall().satisfactionPercent()).isEqualTo(50);
		assertThat(page.overall().overdue()).isEqualTo(1);
		assertThat(page.units()).extracting(ReportRow::label).containsExactly("roads", "water");
		ReportRow water = page.units().get(1);
		assertThat(water.figures()).isEqualTo(new Figures(2, 1, 0.5, 4, 11, 11, 10, 5, Withholding.SHOWN, 5));
		assertThat(water.href()).isNotNull();
		assertThat(page.units().get(0).href()).as("no published letter, so no unit page to link to").isNull();
		assertThat(page.units().get(0).figures().hasRatings()).isFalse();
		assertThat(page.monthly()).singleElement().satisfies((row) -> {
			assertThat(row.label()).isEqualTo("2024-01");
			assertThat(row.figures()).isEqualTo(new Figures(2, 1, 0.5, 4, 12, 12, 10, 5, Withholding.SHOWN, 5));
		});
		assertThat(page.weekly()).singleElement().satisfies((row) -> assertThat(row.label()).isEqualTo("2024-W02"));
	}

	@Test
	void drawsOnTimeSatisfactionAndMedianChartsPerUnitAndPerMonth() {
		StatsPage page = page(Locale.ENGLISH);
		assertThat(page.charts()).extracting(Chart::id)
			.containsExactly("chart-on-time", "chart-satisfaction-unit", "chart-median-unit", "chart-on-time-month",
					"chart-satisfaction-month", "chart-median-month");
		Chart satisfaction = page.charts().get(1);
		assertThat(satisfaction.bars()).extracting(SvgCharts.Bar::label, SvgCharts.Bar::text)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("water", "50%"));
		for (Chart chart : page.charts()) {
			assertThat(chart.svg()).startsWith("<svg")
				.contains("role=\"img\"", "<title id=\"" + chart.id() + "-title\">",
						"<desc id=\"" + chart.id() + "-desc\">")
				.doesNotContain("<script", "style=", "onload");
		}
	}

	@Test
	void theRenderedPageShowsTheSatisfactionRateInFiguresChartsAndReports() {
		String html = PAGES.stats(page(Locale.ENGLISH), Links.relativeTo("stats/index.html", null), Locale.ENGLISH);
		assertThat(html)
			.contains("Satisfaction rate", "50% (10 ratings)", "50% (5/10)", "Satisfaction rate by unit",
					"Satisfaction rate by month", "data table")
			.doesNotContain("<script>", " style=\"");
		String chinese = PAGES.stats(page(SitePages.CHINESE), Links.relativeTo("stats/index.html", null),
				SitePages.CHINESE);
		assertThat(chinese).contains("满意率", "50%（10 件评价）", "各承办单位满意率");
	}

	@Test
	void withoutHandlingCountsThePageSaysThereAreNoRatingsAndDrawsNoSatisfactionChart() {
		StatsPage page = Statistics.page(PUBLISHED, ZONE, Links.live(),
				(key, args) -> PAGES.message(key, Locale.ENGLISH, args));
		assertThat(page.charts()).extracting(Chart::id).doesNotContain("chart-satisfaction-unit");
		assertThat(PAGES.stats(page, Links.live(), Locale.ENGLISH)).contains("No ratings yet")
			.doesNotContain("ratings)", "chart-satisfaction");
	}

	@Test
	void aUnitPageShowsItsOwnSatisfactionRate() {
		Figures figures = Statistics.unit("roads", List.of(), COUNTS);
		assertThat(figures).isEqualTo(new Figures(0, 0, 0, 0, 1, 1, 0, 0, Withholding.SHOWN, 5));
		ListPage list = new ListPage("unit", "water", 2, PUBLISHED, java.util.Map.of(), null, List.of(), null, null,
				List.of(), null, Statistics.unit("water", PUBLISHED, COUNTS), null);
		assertThat(PAGES.list(list, Links.live(), Locale.ENGLISH)).contains("Satisfaction rate", "50% (10 ratings)",
				"Letters received");
	}

	@Test
	void chartsStayLegibleOnAPhoneByDrawingAtPhoneWidth() {
		String svg = page(Locale.ENGLISH).charts().get(0).svg();
		assertThat(svg).contains("viewBox=\"0 0 360 ").contains("font-size=\"14\"");
	}

	private static StatsPage page(Locale locale) {
		return Statistics.page(PUBLISHED, COUNTS, ZONE, Links.relativeTo("stats/index.html", null),
				(key, args) -> PAGES.message(key, locale, args));
	}

	static LetterSummary letter(String number, String received, int days, boolean onTime) {
		Instant at = Instant.parse(received);
		return LetterSummary.of(new PublicRecord(number, "mayor", "complaint", "other", "xishan", List.of("water"),
				"标题" + number, "来信", "答复", at, at, at, at.plusSeconds(86_400L * days), at.plusSeconds(86_400L * days),
				days, 5, onTime, 0, 0));
	}

	static HandlingCount count(String unit, LocalDate day, long received, long rated, long satisfied) {
		return new HandlingCount(unit, (unit != null) ? "complaint" : null, day, received, received, rated, satisfied);
	}

}
