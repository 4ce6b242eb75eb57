package cn.mailbox.search;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.lucene.store.ByteBuffersDirectory;

/** Letter-like fixtures written for these tests (no real data). */
final class Letters {

	private Letters() {
	}

	static Instant at(String localDateTime) {
		return LocalDateTime.parse(localDateTime).toInstant(ZoneOffset.ofHours(8));
	}

	static ArchiveDocument letter(String trackingNumber, String title, String letter, String reply, String received,
			String nature, boolean onTime, String... units) {
		Instant receivedAt = at(received);
		return new ArchiveDocument(trackingNumber, "mayor", nature, "urban", "xishan", List.of(units), title, letter,
				reply, receivedAt, receivedAt.plusSeconds(3600), receivedAt.plusSeconds(7200),
				receivedAt.plusSeconds(86_400 * 5), receivedAt.plusSeconds(86_400 * 6), 4, 5, onTime, 0, 0);
	}

	static ArchiveDocument letter(String trackingNumber, String title, String letter, String reply) {
		return letter(trackingNumber, title, letter, reply, "2024-03-01T09:00:00", "complaint", true, "住建局");
	}

	/** Five letters with distinct topics, units, years and natures. */
	static List<ArchiveDocument> sample() {
		return List.of(
				letter("2023-0001", "景蓉华苑物业管理有问题", "小区的物业公司扬言要退出小区，业委会却对新物业设置苛刻条件。停车费收取方案未经业主大会表决。",
						"经调查，业委会已依法召开业主大会，区住房和城乡建设局参加了会议。", "2023-04-25T09:32:09", "complaint", true, "住建局", "桂花坪街道"),
				letter("2023-0002", "潇楚南路洋湖段怎么还没修好", "道路从去年开始修，路挖得稀烂用围栏围起，一直不怎么动工，出行很不方便。", "该路段因管线迁改延误，预计六月底完工通车。",
						"2023-05-10T16:03:40", "consultation", false, "交通局"),
				letter("2024-0003", "西湖小区违建长期无人处理", "小区一楼住户私自搭建阳台，违建占用公共绿地，多次向城管反映无果。", "城市管理局已责令当事人限期拆除违法建设。",
						"2024-01-15T10:00:00", "report", true, "城管局", "住建局"),
				letter("2024-0004", "咨询住房公积金提取政策", "本人在外地购房，想了解公积金异地提取需要哪些材料，办理流程是什么？", "异地购房提取住房公积金需提供购房合同和身份证明。",
						"2024-06-01T08:30:00", "consultation", true, "公积金中心"),
				letter("2024-0005", "ＡＢＣ１２３号楼噪音扰民", "楼下ＫＴＶ夜间营业，噪声很大，影响休息。", null, "2024-07-20T22:15:00", "complaint",
						false, "生态环境局"));
	}

	/**
	 * An index on a fresh in-memory directory holding the given letters, all searchable.
	 */
	static ArchiveIndex indexOf(List<ArchiveDocument> documents) {
		ArchiveIndex index = ArchiveIndex.open(new ByteBuffersDirectory());
		long sequence = 1;
		for (ArchiveDocument document : documents) {
			index.apply(new ArchiveChange.Upsert(sequence++, document));
		}
		index.refresh();
		return index;
	}

	static List<String> numbers(ArchivePage page) {
		return page.items().stream().map((hit) -> hit.document().trackingNumber()).toList();
	}

}
