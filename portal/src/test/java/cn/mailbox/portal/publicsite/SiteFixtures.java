package cn.mailbox.portal.publicsite;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;

import cn.mailbox.portal.PortalIntegrationTest;
import cn.mailbox.site.generator.SiteUpdater;

import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

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

	/** Imports the lines as the administrator and answers the import's report. */
	static Map<?, ?> importLines(WebTestClient http, String ndjson) {
		return http.mutate()
			.responseTimeout(Duration.ofMinutes(2))
			.build()
			.post()
			.uri("/api/v1/staff/archive/import")
			.headers((headers) -> headers.setBasicAuth("admin", PortalIntegrationTest.ADMIN_PASSWORD))
			.contentType(MediaType.APPLICATION_NDJSON)
			.bodyValue(ndjson.getBytes(StandardCharsets.UTF_8))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	/** Waits until the site has applied everything published so far. */
	static void awaitSite(DatabaseClient db, SiteUpdater updater) {
		long position = db.sql("select coalesce(max(id), 0) as p from publication_log")
			.map((row) -> row.get("p", Long.class))
			.one()
			.block(Duration.ofSeconds(10));
		updater.awaitGenerated(position).block(Duration.ofMinutes(2));
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
