package cn.mailbox.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins each relevance fix measured by {@link SearchQualityEvaluation} on fixtures written
 * for it. Each case also runs with the ranking before the fixes ({@link #BEFORE}) where
 * that ranking got it wrong, so a test fails if its fix is undone.
 */
class RankingTests {

	/** Title ×2, letter and reply ×1, no title or proximity bonus. */
	static final Ranking BEFORE = new Ranking(2f, 1f, 1f, 0f, 0f, 0, 1.2f, 0.75f);

	private static final String FILLER = "我家住在这个小区已经十多年了，平时上下班都要经过这条路，附近的居民都很有意见。";

	@Test
	void ranksTitleMatchAboveBodyMention() throws IOException {
		List<ArchiveDocument> letters = List.of(
				Letters.letter("T-1", "咨询A7县公租房申请条件", "本人想申请，请问需要哪些条件和材料？" + FILLER, "请到街道政务服务中心咨询。"),
				Letters.letter("T-2", "反映A7县一处工地夜间施工扰民", "A7县工地夜间施工。听说附近要建公租房，公租房建好之前能不能不要夜间施工？公租房的工地每天都很吵。",
						"A7县公租房项目已责令施工单位整改，公租房工地夜间停工。"));
		assertThat(first(letters, Ranking.DEFAULT, "A7县 公租房")).isEqualTo("T-1");
		assertThat(first(letters, BEFORE, "A7县 公租房")).isEqualTo("T-2");
	}

	@Test
	void ranksLetterMatchAboveReplyBoilerplate() throws IOException {
		List<ArchiveDocument> letters = List
			.of(Letters.letter("R-1", "关于路灯不亮的反映", "小区门口的路灯坏了很久，希望相关部门尽快修好。" + FILLER, "已修复。"), Letters.letter("R-2",
					"关于垃圾清运的反映", "小区垃圾很多天没有清运，气味很大。" + FILLER, "感谢您的支持，相关部门将加强管理，相关部门将持续跟进，相关部门已经处理。"));
		assertThat(first(letters, Ranking.DEFAULT, "\"相关部门\" 小区")).isEqualTo("R-1");
		assertThat(first(letters, BEFORE, "\"相关部门\" 小区")).isEqualTo("R-2");
	}

	@Test
	void adjacentWordsOutrankScatteredCharacters() throws IOException {
		List<ArchiveDocument> letters = List.of(
				Letters.letter("P-1", "小区的问题", "小区物业一直不作为。" + FILLER + "希望街道督促管理好环境卫生。", null),
				Letters.letter("P-2", "小区的问题", FILLER + "希望街道督促小区改善物业管理，环境卫生太差。", null));
		assertThat(first(letters, Ranking.DEFAULT, "物业 管理")).isEqualTo("P-2");
		Ranking withoutProximity = new Ranking(3f, 1f, 0.5f, 6f, 0f, 0, 1.2f, 0.75f);
		assertThat(first(letters, withoutProximity, "物业 管理")).isEqualTo("P-1");
	}

	@Test
	void rankingClausesAddNoMatches() throws IOException {
		try (ArchiveIndex index = Letters.indexOf(List.of(Letters.letter("M-1", "公租房申请", "请问公租房怎么申请？", null),
				Letters.letter("M-2", "A7县公租房申请", "请问公租房怎么申请？", null)))) {
			assertThat(Letters.numbers(index.search(ArchiveQuery.text("A7县 公租房", 10)))).containsExactly("M-2");
			assertThat(Letters.numbers(index.search(ArchiveQuery.text("公租房 -A7县", 10)))).containsExactly("M-1");
		}
	}

	private static String first(List<ArchiveDocument> letters, Ranking ranking, String q) throws IOException {
		try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
				ArchiveIndex index = ArchiveIndex.open(directory, new BigramAnalysis(), ArchiveIndex.DEFAULT_ZONE,
						ranking)) {
			long sequence = 1;
			for (ArchiveDocument letter : letters) {
				index.apply(new ArchiveChange.Upsert(sequence++, letter));
			}
			index.refresh();
			List<String> numbers = new ArrayList<>(Letters.numbers(index.search(ArchiveQuery.text(q, 10))));
			assertThat(numbers).as(q).hasSize(letters.size());
			return numbers.getFirst();
		}
	}

}
