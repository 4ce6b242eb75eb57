package cn.mailbox.search;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

class FilterFacetSortTests {

	private final ArchiveIndex index = Letters.indexOf(Letters.sample());

	@AfterEach
	void close() throws IOException {
		this.index.close();
	}

	private ArchivePage search(String q, Map<String, List<String>> filters, Boolean onTime, LocalDate from,
			LocalDate to, ArchiveSort sort) {
		return this.index.search(new ArchiveQuery(q, filters, onTime, from, to, sort, 0, 50, null, true));
	}

	@Test
	void countsFacetValuesOverAllMatches() {
		ArchivePage page = this.index.search(ArchiveQuery.all(2));
		assertThat(page.total()).isEqualTo(5);
		assertThat(page.items()).hasSize(2);
		assertThat(page.facets()).containsOnlyKeys(ArchivePage.FACETS);
		assertThat(page.facets().get("unit")).containsEntry("住建局", 2L)
			.containsEntry("城管局", 1L)
			.containsEntry("桂花坪街道", 1L)
			.hasSize(6);
		assertThat(page.facets().get("nature")).containsExactly(entry("complaint", 2L), entry("consultation", 2L),
				entry("report", 1L));
		assertThat(page.facets().get("year")).containsOnly(entry("2023", 2L), entry("2024", 3L));
		assertThat(page.facets().get("onTime")).containsOnly(entry("true", 3L), entry("false", 2L));
		assertThat(page.facets().get("region")).containsOnly(entry("xishan", 5L));
		assertThat(page.facets().get("field")).containsOnly(entry("urban", 5L));
	}

	@Test
	void countsFacetsWithinTheFilteredMatches() {
		ArchivePage page = search("小区", Map.of("year", List.of("2024")), null, null, null, null);
		assertThat(Letters.numbers(page)).containsExactly("2024-0003");
		assertThat(page.facets().get("unit")).containsOnly(entry("城管局", 1L), entry("住建局", 1L));
	}

	@Test
	void leavesFacetsOutWhenNotAsked() {
		ArchivePage page = this.index.search(new ArchiveQuery(null, null, null, null, null, null, 0, 5, null, false));
		assertThat(page.facets()).isEmpty();
	}

	@Test
	void filtersByAnyOfSeveralUnitsOfALetter() {
		assertThat(Letters.numbers(search(null, Map.of("unit", List.of("住建局")), null, null, null, null)))
			.containsExactlyInAnyOrder("2023-0001", "2024-0003");
		assertThat(Letters.numbers(search(null, Map.of("unit", List.of("城管局", "交通局")), null, null, null, null)))
			.containsExactlyInAnyOrder("2023-0002", "2024-0003");
	}

	@Test
	void combinesFiltersOfDifferentKeys() {
		assertThat(Letters.numbers(search(null, Map.of("nature", List.of("consultation"), "year", List.of("2024")),
				null, null, null, null)))
			.containsExactly("2024-0004");
		assertThat(Letters.numbers(search(null, Map.of("nature", List.of("complaint")), false, null, null, null)))
			.containsExactly("2024-0005");
		assertThat(Letters.numbers(search(null, Map.of("region", List.of("nowhere")), null, null, null, null)))
			.isEmpty();
	}

	@Test
	void filtersByReceivedDaysInclusive() {
		assertThat(Letters.numbers(search(null, Map.of(), null, LocalDate.parse("2023-05-10"),
				LocalDate.parse("2024-01-15"), ArchiveSort.OLDEST)))
			.containsExactly("2023-0002", "2024-0003");
		assertThat(Letters.numbers(search(null, Map.of(), null, LocalDate.parse("2024-06-02"), null, null)))
			.containsExactly("2024-0005");
		assertThat(Letters.numbers(search(null, Map.of(), null, null, LocalDate.parse("2023-04-25"), null)))
			.containsExactly("2023-0001");
	}

	@Test
	void sortsNewestOrOldestByReceivedTime() {
		assertThat(Letters.numbers(search(null, Map.of(), null, null, null, null))).containsExactly("2024-0005",
				"2024-0004", "2024-0003", "2023-0002", "2023-0001");
		assertThat(Letters.numbers(search("小区", Map.of(), null, null, null, ArchiveSort.OLDEST)))
			.containsExactly("2023-0001", "2024-0003");
		assertThat(Letters.numbers(search("小区", Map.of(), null, null, null, ArchiveSort.NEWEST)))
			.containsExactly("2024-0003", "2023-0001");
	}

	@Test
	void reportsScoresOnlyWhenSortedByRelevance() {
		assertThat(search("小区", Map.of(), null, null, null, null).items()).allMatch((hit) -> hit.score() > 0);
		assertThat(search("小区", Map.of(), null, null, null, ArchiveSort.NEWEST).items())
			.allMatch((hit) -> Float.isNaN(hit.score()));
	}

	@Test
	void rejectsUnknownFiltersAndBadPages() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> new ArchiveQuery(null, Map.of("name", List.of("x")), null, null, null, null, 0, 10, null, false));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ArchiveQuery(null, null, null, null, null, null, 0, 0, null, false));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ArchiveQuery(null, null, null, null, null, null, 100, 200, null, false));
		assertThatIllegalArgumentException().isThrownBy(() -> new ArchiveQuery(null, null, null,
				LocalDate.parse("2024-02-01"), LocalDate.parse("2024-01-01"), null, 0, 10, null, false));
	}

	@Test
	void returnsTheStoredRecordUnchanged() {
		ArchiveDocument original = Letters.sample().get(2);
		assertThat(this.index.find("2024-0003")).contains(original);
		assertThat(this.index.find("nope")).isEmpty();
	}

}
