package cn.mailbox.portal.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.mailbox.portal.Citizens;
import cn.mailbox.portal.PageSessions;
import cn.mailbox.portal.PageSessions.Session;
import cn.mailbox.portal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits with their default settings, each test speaking for clients of its own
 * through {@code X-Forwarded-For} from the trusted loopback proxy.
 */
@PortalIntegrationTest
class RateLimitIntegrationTests {

	@Autowired
	WebTestClient http;

	@Autowired
	SubmissionGate gate;

	@Test
	void stopsTrackingCodeGuessesFromOneAddressWhileAnotherIsServed() {
		for (int i = 0; i < 20; i++) {
			lookUp("198.51.100.7", "en").expectStatus().isNotFound();
		}
		Map<String, Object> problem = lookUp("198.51.100.7", "en").expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.value("Retry-After", (seconds) -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L))
			.expectBody(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(problem).containsEntry("status", 429)
			.containsEntry("title", "Too many requests")
			.containsEntry("detail", "Too many requests; try again later (see Retry-After).")
			.containsEntry("type", "https://mailbox.example/problems/rate-limited");
		lookUp("203.0.113.9", "en").expectStatus().isNotFound();
		lookUp("198.51.100.8", "zh-CN").expectStatus().isNotFound();
	}

	@Test
	void answersInChineseByDefault() {
		for (int i = 0; i < 20; i++) {
			lookUp("198.51.102.7", null).expectStatus().isNotFound();
		}
		lookUp("198.51.102.7", null).expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("操作过于频繁，请稍后再试（等待时间见 Retry-After）。");
	}

	@Test
	void limitsOneContactWhateverAddressItWritesFrom() {
		for (int i = 0; i < 5; i++) {
			submit("192.0.2." + (10 + i), letter("13911110000", "limit@example.cn")).expectStatus().isCreated();
		}
		submit("203.0.113.50", letter("139-1111-0000", null)).expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader()
			.exists("Retry-After")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		submit("203.0.113.50", letter("13911112222", null)).expectStatus().isCreated();
	}

	@Test
	void stopsALoopOfSubmissionsFromOneAddress() {
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			statuses.add(submit("198.51.103.20", letter("1370000000" + i, null)).returnResult(Void.class)
				.getStatus()
				.value());
		}
		assertThat(statuses).containsExactly(201, 201, 201, 201, 201, 429);
	}

	@Test
	void refusesPasswordGuessingEvenWithTheRightPasswordAfterwards() {
		for (int i = 0; i < 10; i++) {
			staffMe("192.0.2.44", "wrong-" + i).expectStatus().isUnauthorized();
		}
		staffMe("192.0.2.44", "wrong-again").expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader()
			.exists("Retry-After");
		staffMe("192.0.2.44", PortalIntegrationTest.ADMIN_PASSWORD).expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		staffMe("198.18.0.44", PortalIntegrationTest.ADMIN_PASSWORD).expectStatus().isOk();
	}

	@Test
	void showsAFriendlyPageWhenTheTrackingFormIsPostedTooOften() {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("trackingNumber", "SZ20260101-00001");
		form.add("accessCode", "AAAA-BBBB-CCCC");
		for (int i = 0; i < 20; i++) {
			postForm("/track", "198.51.104.9", null, form).expectStatus().isForbidden();
		}
		String page = postForm("/track", "198.51.104.9", null, form).expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader()
			.exists("Retry-After")
			.expectHeader()
			.contentType("text/html;charset=UTF-8")
			.expectHeader()
			.value("Content-Security-Policy", (policy) -> assertThat(policy).contains("default-src 'none'"))
			.expectHeader()
			.valueEquals("X-Frame-Options", "DENY")
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(page).contains("操作过于频繁，请稍等几分钟后再试。").contains("<html lang=\"zh-CN\">");
	}

	@Test
	void showsAFriendlyPageWhenOneContactWritesTooOftenThroughTheForm() {
		Session session = session();
		for (int i = 0; i < 5; i++) {
			submit("192.0.2." + (30 + i), letter("13922220000", null)).expectStatus().isCreated();
		}
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		letter("13922220000", null).forEach((field, value) -> form.add(field, String.valueOf(value)));
		String page = postForm("/letters?lang=en", "203.0.113.77", session, form).expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader()
			.exists("Retry-After")
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(page).contains("Too many attempts; please wait a few minutes and try again.");
	}

	@Test
	void shedsSubmissionsWith503WhenEveryPermitIsTaken() {
		List<SubmissionGate.Permit> taken = new ArrayList<>();
		try {
			while (this.gate.inUse() < 64) {
				taken.add(this.gate.acquire().block());
			}
			submit("198.51.105.1", letter("13933330000", null)).expectStatus()
				.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
				.expectHeader()
				.valueEquals("Retry-After", "5")
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("https://mailbox.example/problems/overloaded");
		}
		finally {
			taken.forEach(SubmissionGate.Permit::release);
		}
		submit("198.51.105.1", letter("13933330000", null)).expectStatus().isCreated();
	}

	private WebTestClient.ResponseSpec lookUp(String client, String language) {
		return Citizens.track(this.http, "SZ20260101-00001", "AAAA-BBBB-CCCC", (headers) -> {
			headers.set("X-Forwarded-For", client);
			if (language != null) {
				headers.set("Accept-Language", language);
			}
		});
	}

	private WebTestClient.ResponseSpec submit(String client, Map<String, Object> letter) {
		return Citizens.post(this.http, letter, (headers) -> headers.set("X-Forwarded-For", client));
	}

	private WebTestClient.ResponseSpec staffMe(String client, String password) {
		return this.http.get()
			.uri("/api/v1/staff/me")
			.header("X-Forwarded-For", client)
			.headers((headers) -> headers.setBasicAuth("admin", password))
			.exchange();
	}

	private WebTestClient.ResponseSpec postForm(String path, String client, Session session,
			MultiValueMap<String, String> form) {
		WebTestClient.RequestBodySpec request = this.http.post().uri(path).header("X-Forwarded-For", client);
		if (session != null) {
			form.set("_csrf", session.csrf());
			request = request.cookie("SESSION", session.id());
		}
		return request.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData(form))
			.exchange();
	}

	private Session session() {
		return PageSessions.visit(this.http, "/");
	}

	private static Map<String, Object> letter(String phone, String email) {
		Map<String, Object> letter = Citizens.letter("consultation", "environment", "xishan", "河道清理什么时候进行",
				"请问西山区河道今年什么时候清淤？");
		letter.put("name", "李四");
		letter.put("phone", phone);
		if (email != null) {
			letter.put("email", email);
		}
		letter.put("publicationConsent", true);
		return letter;
	}

}
