package cn.mailbox.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PagingTests {

	/**
	 * 57 letters, many received at the same instant so only the tie-break orders them.
	 */
	private static List<ArchiveDocument> many() {
		List<ArchiveDocument> documents = new ArrayList<>();
		for (int i = 0; i < 57; i++) {
			String received = "2024-0" + (1 + i % 3) + "-10T10:00:00";
			documents.add(Letters.letter("P-%03d".formatted(i), "第" + i + "号小区路灯不亮", "小区路灯坏了" + "很久".repeat(i % 4),
					"已修复路灯。", received, "complaint", i % 2 == 0, "城管局"));
		}
		return documents;
	}

	private final ArchiveIndex index = Letters.indexOf(many());

	@AfterEach
	void close() throws IOException {
		this.index.close();
	}

	private List<String> walk(ArchiveQuery first) {
		List<String> seen = new ArrayList<>();
		ArchivePage page = this.index.search(first);
		seen.addAll(Letters.numbers(page));
		while (page.nextCursor() != null) {
			page = this.index.search(first.after(page.nextCursor()));
			assertThat(page.total()).isEqualTo(57);
			seen.addAll(Letters.numbers(page));
		}
		return seen;
	}

	@Test
	void cursorWalksEveryMatchOnceInTheOrderOfOneBigPage() {
		for (ArchiveSort sort : ArchiveSort.values()) {
			for (String q : new String[] { null, "路灯", "很久 OR 修复" }) {
				ArchiveQuery first = new ArchiveQuery(q, Map.of(), null, null, null, sort, 0, 10, null, false);
				ArchiveQuery all = new ArchiveQuery(q, Map.of(), null, null, null, sort, 0, 100, null, false);
				List<String> walked = walk(first);
				assertThat(walked).as(sort + " " + q).hasSize(57).doesNotHaveDuplicates();
				assertThat(walked).as(sort + " " + q).isEqualTo(Letters.numbers(this.index.search(all)));
				assertThat(walk(first)).isEqualTo(walked);
			}
		}
	}

	@Test
	void pagesByNumberAgreeWithTheCursor() {
		ArchiveQuery first = new ArchiveQuery(null, Map.of(), null, null, null, ArchiveSort.NEWEST, 0, 10, null, false);
		ArchiveQuery third = new ArchiveQuery(null, Map.of(), null, null, null, ArchiveSort.NEWEST, 2, 10, null, false);
		List<String> walked = walk(first);
		assertThat(Letters.numbers(this.index.search(third))).isEqualTo(walked.subList(20, 30));
	}

	@Test
	void lastPageHasNoCursor() {
		ArchiveQuery query = new ArchiveQuery(null, Map.of(), null, null, null, null, 5, 10, null, false);
		ArchivePage last = this.index.search(query);
		assertThat(last.items()).hasSize(7);
		assertThat(last.nextCursor()).isNull();
		ArchivePage exact = this.index
			.search(new ArchiveQuery(null, Map.of(), null, null, null, null, 0, 57, null, false));
		assertThat(exact.nextCursor()).isNull();
	}

	@Test
	void refusesACursorOfAnotherOrderOrAForgedOne() {
		ArchivePage page = this.index
			.search(new ArchiveQuery(null, Map.of(), null, null, null, ArchiveSort.NEWEST, 0, 10, null, false));
		ArchiveQuery oldest = new ArchiveQuery(null, Map.of(), null, null, null, ArchiveSort.OLDEST, 0, 10, null,
				false);
		assertThatIllegalArgumentException().isThrownBy(() -> this.index.search(oldest.after(page.nextCursor())));
		for (String forged : new String[] { "x", "%%%", "MXxORVdFU1R8bDF8", "MXxORVdFU1R8bHh8Yg" }) {
			assertThatIllegalArgumentException().isThrownBy(() -> this.index.search(oldest.after(forged)));
		}
	}

}
