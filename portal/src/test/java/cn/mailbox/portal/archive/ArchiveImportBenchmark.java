package cn.mailbox.portal.archive;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.mailbox.portal.PortalIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Imports the 2,816 answered letters of the TipDM 2020 data (附件4) through the real import
 * endpoint and prints how long it took until they were searchable. The data stays in
 * {@code ../shared/data}; run with
 * {@code ./mvnw -B -Pevaluate -pl portal -am test -Dtest=ArchiveImportBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * It runs on its own data folder ({@code target/benchmark-data}), so its 2,816 letters
 * never reach the database the integration tests share.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "portal.data-dir=target/benchmark-data",
				"portal.admin-password=" + PortalIntegrationTest.ADMIN_PASSWORD })
@AutoConfigureWebTestClient
class ArchiveImportBenchmark {

	@Autowired
	WebTestClient http;

	@Autowired
	JsonMapper json;

	@Test
	void importsTheWholeReplySetWellUnderAMinute() throws Exception {
		Path data = Path.of(System.getProperty("mailbox.shared-data", "../shared/data"))
			.resolve("tipdm2020c/fujian4_replies.jsonl");
		assumeTrue(Files.exists(data),
				() -> "Skipped: real data not found at " + data.toAbsolutePath() + " (set -Dmailbox.shared-data=DIR)");
		List<String> source = Files.readAllLines(data, StandardCharsets.UTF_8);
		StringBuilder body = new StringBuilder();
		for (String line : source) {
			if (!line.isBlank()) {
				body.append(this.json.writeValueAsString(importLine(this.json.readValue(line, Map.class))))
					.append('\n');
			}
		}
		byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
		long start = System.nanoTime();
		Map<?, ?> result = this.http.mutate()
			.responseTimeout(Duration.ofMinutes(5))
			.build()
			.post()
			.uri("/api/v1/staff/archive/import")
			.headers((headers) -> headers.setBasicAuth("admin", PortalIntegrationTest.ADMIN_PASSWORD))
			.contentType(MediaType.APPLICATION_NDJSON)
			.bodyValue(bytes)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		double seconds = (System.nanoTime() - start) / 1e9;
		List<?> rejected = (List<?>) result.get("rejected");
		System.out.printf(
				"ArchiveImportBenchmark: %d lines (%.1f MB) imported=%s rejected=%d in %.1f s (%.0f letters/s)%n",
				source.size(), bytes.length / 1e6, result.get("imported"), rejected.size(), seconds,
				((Number) result.get("imported")).doubleValue() / seconds);
		rejected.stream().limit(10).forEach((r) -> System.out.println("  rejected: " + r));
		Map<?, ?> page = this.http.get()
			.uri("/api/v1/archive?q=\"景蓉华苑\"")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		System.out
			.println("ArchiveImportBenchmark: \"景蓉华苑\" finds " + page.get("total") + " letters right after the call");
		assertThat(((Number) result.get("imported")).intValue() + rejected.size()).isEqualTo(source.size());
		assertThat(((Number) page.get("total")).longValue()).isPositive();
		assertThat(seconds).isLessThan(60);
	}

	private static Map<String, Object> importLine(Map<?, ?> letter) {
		LocalDateTime received = LocalDateTime.parse((String) letter.get("留言时间_iso"));
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("trackingNumber",
				String.format("TD%d-%06d", received.getYear(), ((Number) letter.get("留言编号")).longValue()));
		line.put("mailbox", "mayor");
		line.put("nature", "other");
		line.put("field", "other");
		line.put("region", "");
		line.put("unit", "");
		line.put("title", ((String) letter.get("留言主题")).strip());
		line.put("body", ((String) letter.get("留言详情")).strip());
		line.put("receivedAt", received + "+08:00");
		line.put("reply", ((String) letter.get("答复意见")).strip());
		line.put("repliedAt", letter.get("答复时间_iso") + "+08:00");
		return line;
	}

}
