package cn.mailbox.portal.staff;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.mailbox.portal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Refusals in the user's language, the holiday calendar loaded by administrators, and the
 * public statistics computed from the moderation tables.
 */
@PortalIntegrationTest
class StaffAdministrationIntegrationTests {

	private static final String PASSWORD = "a-long-test-password";

	WebTestClient http;

	/** The shared machine is slow at times: bcrypt on every Basic request adds up. */
	@Autowired
	void client(WebTestClient client) {
		this.http = client.mutate().responseTimeout(java.time.Duration.ofSeconds(30)).build();
	}

	@Test
	void refusesAStepNotAllowedInTheStateInTheUsersLanguage() {
		String letter = submit();
		act("admin", PortalIntegrationTest.ADMIN_PASSWORD, letter, Map.of("action", "approve"), "en").expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("The letter is in state \"Waiting to be accepted\": \"Approve\" is not possible now.")
			.jsonPath("$.action")
			.isEqualTo("approve")
			.jsonPath("$.state")
			.isEqualTo("received")
			.jsonPath("$.reason")
			.isNotEmpty();
		act("admin", PortalIntegrationTest.ADMIN_PASSWORD, letter, Map.of("action", "approve"), "zh-CN").expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("来信当前状态为“待受理”，不能执行“审核通过”。");
	}

	@Test
	void refusesAStepForTheWrongRoleInTheUsersLanguage() {
		String letter = submit();
		String unit = "refuse-" + UUID.randomUUID().toString().substring(0, 8);
		admin("/api/v1/staff/units", Map.of("code", unit, "name", "市教育局")).expectStatus().isCreated();
		admin("/api/v1/staff/users",
				Map.of("username", unit, "password", PASSWORD, "roles", List.of("unit_officer"), "unit", unit))
			.expectStatus()
			.isCreated();
		act("admin", PortalIntegrationTest.ADMIN_PASSWORD, letter, Map.of("action", "accept"), "zh-CN").expectStatus()
			.isOk();
		act("admin", PortalIntegrationTest.ADMIN_PASSWORD, letter, Map.of("action", "assign", "unit", unit), "zh-CN")
			.expectStatus()
			.isOk();
		act(unit, PASSWORD, letter, Map.of("action", "approve"), "zh-CN").expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("您的角色或所属单位不能对这封来信执行“审核通过”。");
		this.http.post()
			.uri("/api/v1/staff/units")
			.headers((h) -> h.setBasicAuth(unit, PASSWORD))
			.header("Accept-Language", "en")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("code", "x", "name", "x"))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("Only administrators may do this.");
	}

	private WebTestClient.ResponseSpec act(String user, String password, String letter, Map<String, Object> action,
			String language) {
		return this.http.post()
			.uri("/api/v1/staff/letters/{n}/actions", letter)
			.headers((h) -> h.setBasicAuth(user, password))
			.header("Accept-Language", language)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(action)
			.exchange();
	}

	private WebTestClient.ResponseSpec admin(String path, Object body) {
		return this.http.post()
			.uri(path)
			.headers((h) -> h.setBasicAuth("admin", PortalIntegrationTest.ADMIN_PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private String submit() {
		Map<String, Object> letter = new LinkedHashMap<>();
		letter.put("mailbox", "mayor");
		letter.put("nature", "consultation");
		letter.put("field", "education_culture");
		letter.put("region", "nanhu");
		letter.put("title", "入学咨询");
		letter.put("body", "请问今年小学入学报名时间是什么时候？" + UUID.randomUUID());
		letter.put("name", "钱七");
		letter.put("phone", "13900139002");
		letter.put("publicationConsent", true);
		return (String) this.http.post()
			.uri("/api/v1/letters")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(letter)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("trackingNumber");
	}

}
