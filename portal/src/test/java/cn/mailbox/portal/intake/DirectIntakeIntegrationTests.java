package cn.mailbox.portal.intake;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import cn.mailbox.portal.PortalIntegrationTest;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The direct route answers {@code POST /api/v1/letters} exactly as {@link IntakeApi}
 * through WebFlux does: each request is sent both ways (the second with an Accept header
 * of two types, which the direct route leaves to WebFlux and which changes nothing in the
 * answer), and the answers must have the same status, the same header names and the same
 * body.
 */
@PortalIntegrationTest
class DirectIntakeIntegrationTests {

	/** Differ per answer by nature. */
	private static final Set<String> VARYING = Set.of("trackingNumber", "accessCode", "receivedAt");

	private static final String BOTH_WAYS = "application/json, text/plain";

	@LocalServerPort
	int port;

	@Autowired
	DirectIntake direct;

	@Autowired
	MeterRegistry meters;

	@Autowired
	JsonMapper json;

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void acceptsALetterAsWebFluxDoes() throws Exception {
		Answer direct = post(letter(), null, "zh-CN", null);
		Answer through = post(letter(), BOTH_WAYS, "zh-CN", null);
		assertThat(direct.status()).isEqualTo(201);
		assertSame(direct, through);
		assertThat(direct.headers().firstValue("location").orElseThrow())
			.isEqualTo("/api/v1/letters/" + direct.body().get("trackingNumber"));
		assertThat(direct.headers().firstValue("cache-control")).contains("no-store");
		assertThat(direct.headers().firstValue("content-security-policy").orElseThrow())
			.doesNotContain("unsafe-inline");
		assertThat(direct.body().get("status")).isEqualTo("received");
	}

	@Test
	void refusesBadInputAsWebFluxDoes() throws Exception {
		String invalid = letter().replace("\"title\":\"工地夜间施工噪音扰民\",", "");
		for (String body : new String[] { invalid, "{\"mailbox\":", "", "null", "[]", "{\"anonymous\":\"yes\"}",
				"\"text\"", "{\"title\":\"\\u0000\"}", "{}   trailing" }) {
			for (String language : new String[] { "zh-CN", "en" }) {
				Answer direct = post(body, null, language, null);
				Answer through = post(body, BOTH_WAYS, language, null);
				assertThat(direct.status()).as(body).isBetween(400, 499);
				assertSame(direct, through);
			}
		}
	}

	@Test
	void refusesAReusedIdempotencyKeyAsWebFluxDoes() throws Exception {
		String key = "direct-" + System.nanoTime();
		assertThat(post(letter(), null, "zh-CN", key).status()).isEqualTo(201);
		Answer direct = post(letter(), null, "zh-CN", key);
		Answer through = post(letter(), BOTH_WAYS, "zh-CN", key);
		assertThat(direct.status()).isEqualTo(422);
		assertSame(direct, through);
		assertThat(post(letter(), null, "zh-CN", "   ").status()).isEqualTo(400);
	}

	@Test
	void answersTheCommonSubmissionItselfAndLeavesTheRestToWebFlux() throws Exception {
		long before = this.direct.answered();
		post(letter(), null, "zh-CN", null);
		post(letter(), "application/json", "zh-CN", null);
		post(letter(), "*/*", "en", null);
		assertThat(this.direct.answered()).isEqualTo(before + 3);
		post(letter(), BOTH_WAYS, "zh-CN", null);
		send(request("/api/v1/letters?lang=en", letter(), "application/json"));
		send(request("/api/v1/letters", letter(), "text/plain"));
		send(request("/api/v1/letters", letter(), "application/json; charset=ISO-8859-1"));
		send(requestBuilder("/api/v1/letters", letter(), "application/json").header("Cookie", "lang=en").build());
		send(requestBuilder("/api/v1/letters", letter(), "application/json").header("Idempotency-Key", "key\twith-tab")
			.build());
		assertThat(this.direct.answered()).isEqualTo(before + 3);
	}

	@Test
	void recordsItsAnswersInTheSameRequestTimerAsWebFlux() throws Exception {
		post(letter(), null, "zh-CN", null);
		post(letter(), BOTH_WAYS, "zh-CN", null);
		Set<Set<String>> tagKeys = this.meters.find("http.server.requests")
			.tag("uri", "/api/v1/letters")
			.timers()
			.stream()
			.map(Meter::getId)
			.map((id) -> id.getTags().stream().map(Tag::getKey).collect(Collectors.toCollection(TreeSet::new)))
			.collect(Collectors.toSet());
		assertThat(tagKeys).hasSize(1);
		Timer created = this.meters.find("http.server.requests")
			.tags("uri", "/api/v1/letters", "status", "201", "outcome", "SUCCESS", "method", "POST")
			.timer();
		assertThat(created).isNotNull();
		assertThat(created.count()).isGreaterThanOrEqualTo(2);
	}

	private void assertSame(Answer direct, Answer through) {
		assertThat(direct.status()).isEqualTo(through.status());
		assertThat(names(direct)).isEqualTo(names(through));
		for (String header : new String[] { "content-type", "cache-control", "content-security-policy",
				"x-content-type-options", "x-frame-options", "referrer-policy", "retry-after" }) {
			assertThat(direct.headers().allValues(header)).as(header).isEqualTo(through.headers().allValues(header));
		}
		Map<String, Object> directBody = new java.util.HashMap<>(direct.body());
		Map<String, Object> throughBody = new java.util.HashMap<>(through.body());
		assertThat(directBody.keySet()).isEqualTo(throughBody.keySet());
		VARYING.forEach(directBody::remove);
		VARYING.forEach(throughBody::remove);
		assertThat(directBody).isEqualTo(throughBody);
	}

	private static Set<String> names(Answer answer) {
		Set<String> names = new TreeSet<>(answer.headers().map().keySet());
		names.remove(":status");
		return names;
	}

	private Answer post(String body, String accept, String language, String idempotencyKey) throws Exception {
		HttpRequest.Builder request = requestBuilder("/api/v1/letters", body, "application/json")
			.header("Accept-Language", language);
		if (accept != null) {
			request.header("Accept", accept);
		}
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return send(request.build());
	}

	private HttpRequest request(String path, String body, String contentType) {
		return requestBuilder(path, body, contentType).build();
	}

	private HttpRequest.Builder requestBuilder(String path, String body, String contentType) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
	}

	@SuppressWarnings("unchecked")
	private Answer send(HttpRequest request) throws Exception {
		HttpResponse<byte[]> response = this.client.send(request, HttpResponse.BodyHandlers.ofByteArray());
		Map<String, Object> body = (response.body().length == 0) ? Map.of()
				: this.json.readValue(response.body(), Map.class);
		return new Answer(response.statusCode(), response.headers(), body);
	}

	/** A valid letter from a contact of its own, so no per-contact limit is reached. */
	private static String letter() {
		String phone = "133" + (10000000 + new Random().nextInt(89999999));
		return "{\"mailbox\":\"mayor\",\"nature\":\"complaint\",\"field\":\"environment\",\"region\":\"xishan\","
				+ "\"title\":\"工地夜间施工噪音扰民\",\"body\":\"西山区某工地每天夜里十二点以后仍在施工，噪音很大，请有关部门处理。" + new Random().nextInt()
				+ "\",\"name\":\"王小明\",\"phone\":\"" + phone + "\",\"anonymous\":false,\"publicationConsent\":true}";
	}

	private record Answer(int status, java.net.http.HttpHeaders headers, Map<String, Object> body) {
	}

}
