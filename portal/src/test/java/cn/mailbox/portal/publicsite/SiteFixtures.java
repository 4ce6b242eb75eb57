package cn.mailbox.portal.publicsite;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;

/**
 * Import lines for the static-site tests, made up here (never the real data): letters of
 * several units, natures, regions and years, some with a phone number, an e-mail address
 * or an ID number in the body that the import must redact before anything is published.
 */
final class SiteFixtures {

	static final List<String> UNITS = List.of("water", "urban", "traffic", "市住房和城乡建设局", "education", "health",
			"police");

	static final List<String> NATURES = List.of("complaint", "consultation", "suggestion", "help", "report");

	static final List<String> REGIONS = List.of("xishan", "dongcheng", "nanhu", "beiyuan", "gaoxin");

	/** Private data written into some bodies; none of it may reach a public file. */
	static final List<String> PRIVATE = List.of("13912345678", "site.writer@example.com", "110101198502031234");

	private SiteFixtures() {
	}

	static String ndjson(String prefix, int from, int count) {
		Random random = new Random(from);
		StringBuilder lines = new StringBuilder();
		for (int i = from; i < from + count; i++) {
			LocalDateTime received = LocalDateTime.of(2021 + (i % 3), 1 + (i % 12), 1 + (i % 27), 8 + (i % 9), 15);
			LocalDateTime replied = received.plusDays(1 + random.nextInt(25)).withHour(16);
			String privateBit = switch (i % 10) {
				case 1 -> "我的电话" + PRIVATE.get(0) + "。";
				case 2 -> "邮箱 " + PRIVATE.get(1) + "。";
				case 3 -> "身份证号" + PRIVATE.get(2) + "。";
				default -> "";
			};
			lines.append("{\"trackingNumber\":\"")
				.append(String.format("%s-%06d", prefix, i))
				.append("\",\"mailbox\":\"mayor\",\"nature\":\"")
				.append(NATURES.get(i % NATURES.size()))
				.append("\",\"field\":\"other\",\"region\":\"")
				.append(REGIONS.get(i % REGIONS.size()))
				.append("\",\"unit\":\"")
				.append(UNITS.get(i % UNITS.size()))
				.append("\",\"title\":\"关于第")
				.append(i)
				.append("号楼")
				.append((i % 29 == 0) ? "<b>电梯</b>" : "电梯")
				.append("的问题\",\"body\":\"小区")
				.append(i)
				.append("号楼电梯经常停运，老人上下楼很困难。")
				.append(privateBit)
				.append("\",\"receivedAt\":\"")
				.append(received)
				.append("\",\"reply\":\"已督促物业维修电梯，现已恢复运行。\",\"repliedAt\":\"")
				.append(replied)
				.append("\"}\n");
		}
		return lines.toString();
	}

}
