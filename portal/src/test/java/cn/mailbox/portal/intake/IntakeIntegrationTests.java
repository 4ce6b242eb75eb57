package cn.mailbox.portal.intake;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.mailbox.portal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@PortalIntegrationTest
class IntakeIntegrationTests {

	@Autowired
	WebTestClient http;

	@Autowired
	DatabaseClient db;

	@Test
	void acceptsALetterAndAnswersWithNumberAndCodeOnlyAfterItIsStored() {
		Map<?, ?> answer = submit(Letters.complaint()).expectStatus()
			.isCreated()
			.expectHeader()
			.valueMatches("Location", "/api/v1/letters/SZ\\d{8}-\\d{5}")
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		assertThat((String) answer.get("trackingNumber")).matches("SZ\\d{8}-\\d{5}");
		assertThat((String) answer.get("accessCode")).matches("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}");
		assertThat(answer.get("status")).isEqualTo("received");
		assertThat(answer.get("receivedAt")).isNotNull();
		Map<String, Object> stored = this.db
			.sql("select title, body, writer_name, state, access_code_hash from letters where tracking_number = :n")
			.bind("n", answer.get("trackingNumber"))
			.fetch()
			.one()
			.block();
		assertThat(stored).containsEntry("title", "工地夜间施工噪音扰民")
			.containsEntry("writer_name", "王小明")
			.containsEntry("state", "received");
		assertThat(stored.get("access_code_hash").toString()).doesNotContain((String) answer.get("accessCode"));
	}

	@Test
	void givesEveryLetterItsOwnReadableTrackingNumber() {
		String first = trackingNumber(submit(Letters.complaint()));
		String second = trackingNumber(submit(Letters.complaint()));
		assertThat(first).isNotEqualTo(second);
		assertThat(first.substring(0, 11)).isEqualTo(second.substring(0, 11));
		assertThat(Integer.parseInt(second.substring(11))).isGreaterThan(Integer.parseInt(first.substring(11)));
	}

	@Test
	void storesTheTextExactlyAsWritten() {
		String hostile = "<script>alert('x')</script> ' OR 1=1; -- \u200b\u202e反转 😀 \"quotes\" \\ back";
		String number = trackingNumber(submit(Letters.with("body", hostile)));
		String body = this.db.sql("select body from letters where tracking_number = :n")
			.bind("n", number)
			.map((row) -> row.get("body", String.class))
			.one()
			.block();
		assertThat(body).isEqualTo(hostile);
	}

	@Test
	void reportsEveryInvalidFieldInTheRequestLanguage() {
		Map<String, Object> letter = Letters.complaint();
		letter.remove("title");
		letter.put("nature", "gossip");
		letter.put("email", "not-an-address");
		Map<?, ?> problem = this.http.post()
			.uri("/api/v1/letters")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Accept-Language", "en")
			.bodyValue(letter)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		assertThat(problem.get("detail")).isEqualTo("Some fields are invalid; correct them and try again.");
		List<Map<String, String>> errors = (List<Map<String, String>>) problem.get("errors");
		assertThat(errors).extracting((error) -> error.get("field")).containsExactly("nature", "title", "email");
		assertThat(errors.get(1).get("message")).isEqualTo("Title is required");
	}

	@Test
	void explainsErrorsInChineseByDefault() {
		submit(Letters.with("title", "")).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("title")
			.jsonPath("$.errors[0].message")
			.isEqualTo("标题不能为空");
	}

	@Test
	void refusesAnonymousComplaintsWithAClearReason() {
		Map<String, Object> letter = Letters.with("anonymous", true);
		letter.remove("name");
		submit(letter).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[?(@.field == 'anonymous')].message")
			.isEqualTo("投诉、举报不能匿名提交，请填写真实姓名和联系方式")
			.jsonPath("$.errors[?(@.field == 'name')]")
			.exists();
	}

	@Test
	void defersAnonymousConsultations() {
		Map<String, Object> letter = Letters.with("nature", "consultation");
		letter.put("anonymous", true);
		letter.remove("name");
		letter.remove("phone");
		letter.remove("email");
		submit(letter).expectStatus().isCreated().expectBody().jsonPath("$.status").isEqualTo("deferred");
	}

	@Test
	void refusesTextThatCannotBeStoredInsteadOfFailing() {
		submit(Letters.with("title", "nul\u0000byte")).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("title");
		this.http.post()
			.uri("/api/v1/letters")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"mailbox\":\"mayor\",\"body\":\"lone \\ud800 surrogate\"}")
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	@Test
	void refusesATooLongLetterSayingHowLong() {
		submit(Letters.with("body", "长".repeat(5001))).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].message")
			.isEqualTo("内容最多5000个字，当前5001个字");
	}

	@Test
	void answers413ForAnOversizedBody() {
		this.http.post()
			.uri("/api/v1/letters")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"body\":\"" + "x".repeat(400_000) + "\"}")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void answers415ForAnythingButJson() {
		this.http.post()
			.uri("/api/v1/letters")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("Dear mayor")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("不支持的内容类型：请以 application/json 提交。");
	}

	@Test
	void answersWhatTheRouteCannotServeAsProblems() {
		this.http.get()
			.uri("/api/v1/letters")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
			.expectHeader()
			.valueEquals("Allow", "POST")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.http.post()
			.uri("/api/v1/letters")
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_HTML)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.NOT_ACCEPTABLE);
		// An unreadable Content-Type ("application/") is in the hostile corpus: this
		// client will not send one.
		this.http.post()
			.uri("/api/v1/letters")
			.contentType(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void answers400ForMalformedJson() {
		for (String body : List.of("{bad", "[]", "{\"title\": {\"deep\": [[[[1]]]]}}", "\"just a string\"", "")) {
			this.http.post()
				.uri("/api/v1/letters")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(body)
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody(String.class)
				.value((text) -> assertThat(text).doesNotContain("Exception").doesNotContain("at cn."));
		}
	}

	@Test
	void answersARetryWithTheFirstResponseAndStoresOneLetter() {
		String key = UUID.randomUUID().toString();
		Map<?, ?> first = submit(Letters.complaint(), key).expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		Map<?, ?> retry = submit(Letters.complaint(), key).expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		assertThat(retry).isEqualTo(first);
		Long count = this.db.sql("select count(*) as n from letters where tracking_number = :n")
			.bind("n", first.get("trackingNumber"))
			.map((row) -> row.get("n", Long.class))
			.one()
			.block();
		assertThat(count).isOne();
		this.http.get()
			.uri("/api/v1/letters/{n}", first.get("trackingNumber"))
			.header("X-Access-Code", (String) retry.get("accessCode"))
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void refusesTheSameIdempotencyKeyForADifferentLetter() {
		String key = UUID.randomUUID().toString();
		submit(Letters.complaint(), key).expectStatus().isCreated();
		submit(Letters.with("title", "另一封信"), key).expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
	}

	private WebTestClient.ResponseSpec submit(Map<String, Object> letter) {
		return submit(letter, null);
	}

	private WebTestClient.ResponseSpec submit(Map<String, Object> letter, String idempotencyKey) {
		return this.http.post().uri("/api/v1/letters").contentType(MediaType.APPLICATION_JSON).headers((headers) -> {
			if (idempotencyKey != null) {
				headers.set("Idempotency-Key", idempotencyKey);
			}
		}).bodyValue(letter).exchange();
	}

	private static String trackingNumber(WebTestClient.ResponseSpec response) {
		return (String) response.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("trackingNumber");
	}

}
