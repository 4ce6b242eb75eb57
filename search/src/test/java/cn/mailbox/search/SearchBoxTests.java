package cn.mailbox.search;

import java.io.IOException;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

class SearchBoxTests {

	private final ArchiveIndex index = Letters.indexOf(Letters.sample());

	@AfterEach
	void close() throws IOException {
		this.index.close();
	}

	private List<String> find(String q) {
		return Letters.numbers(this.index.search(ArchiveQuery.text(q, 50)));
	}

	@Test
	void requiresEveryTermByDefault() {
		assertThat(find("小区 物业")).containsExactly("2023-0001");
		assertThat(find("小区")).contains("2023-0001", "2024-0003");
		assertThat(find("小区 道路")).isEmpty();
	}

	@Test
	void matchesEitherSideOfOr() {
		assertThat(find("洋湖 OR 公积金")).containsExactlyInAnyOrder("2023-0002", "2024-0004");
		assertThat(find("小区 违建 OR 停车费")).containsExactlyInAnyOrder("2023-0001", "2024-0003");
	}

	@Test
	void excludesMinusTerms() {
		assertThat(find("小区 -物业")).containsExactly("2024-0003");
		assertThat(find("-小区")).doesNotContain("2023-0001", "2024-0003").contains("2023-0002");
	}

	@Test
	void restrictsTermsToTitleOrReply() {
		assertThat(find("业主大会")).containsExactly("2023-0001");
		assertThat(find("title:业主大会")).isEmpty();
		assertThat(find("reply:业主大会")).containsExactly("2023-0001");
		assertThat(find("title:物业")).containsExactly("2023-0001");
		assertThat(find("reply:\"限期拆除\"")).containsExactly("2024-0003");
		assertThat(find("-reply:业主 小区")).containsExactly("2024-0003");
	}

	@Test
	void ranksTitleMatchesFirst() {
		assertThat(find("小区")).first().isEqualTo("2024-0003");
	}

	@Test
	void treatsMalformedQueriesAsText() {
		assertThat(find("\"物业")).containsExactly("2023-0001");
		assertThat(find("物业\"")).containsExactly("2023-0001");
		assertThat(find("- 物业")).containsExactly("2023-0001");
		assertThat(find("物业 OR")).containsExactly("2023-0001");
		assertThat(find("OR 物业")).containsExactly("2023-0001");
		assertThat(find("title: 物业")).containsExactly("2023-0001");
		assertThat(find("foo:物业")).isEmpty();
		assertThat(find("物业:")).containsExactly("2023-0001");
		assertThat(find("*")).hasSize(5);
		assertThat(find("-")).hasSize(5);
	}

	@Test
	void neverThrowsOnHostileInput() {
		List<String> hostile = List.of("\"", "\"\"", "-", "--", "-\"", "*", "?", "**物业", "物业~2", "title:", "reply:\"",
				"OR", "OR OR", "-OR", "(", ")", "[a TO z]", "{}", "\\", "\\\"", "AND", "NOT", "+", "&&", "||", "/re/",
				"a:b:c", "\u0000", "\uD800", "\"".repeat(1001), "物业 ".repeat(10_000), "x".repeat(100_000), "title:\"物业",
				"-title:", "\t\n\r", "景蓉华苑物业管理有问题".repeat(30), "社保局住建委违建".repeat(40), "违建 ".repeat(100));
		for (String q : hostile) {
			assertThatNoException().as(q).isThrownBy(() -> this.index.search(ArchiveQuery.text(q, 10)));
		}
		Random random = new Random(7);
		String alphabet = "\"-: ORtitlereply物业小区*?~()[]{}\\/+&|!^";
		for (int n = 0; n < 2000; n++) {
			StringBuilder q = new StringBuilder();
			for (int i = random.nextInt(20); i > 0; i--) {
				q.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			assertThatNoException().as(q.toString())
				.isThrownBy(() -> this.index.search(ArchiveQuery.text(q.toString(), 10)));
		}
	}

}
