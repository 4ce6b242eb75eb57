package cn.mailbox.portal.staff;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.mailbox.portal.Citizens;
import cn.mailbox.portal.PortalIntegrationTest;
import cn.mailbox.portal.StaffAccounts;
import cn.mailbox.portal.StaffActions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Suggested routing through the staff API: an assignment teaches the private routing
 * index, and the next similar letter's staff view lists that unit first.
 */
@PortalIntegrationTest
class RoutingIntegrationTests {

	private static final String PASSWORD = "a-long-test-password";

	@Autowired
	WebTestClient http;

	@Test
	void suggestsTheUnitASimilarLetterWasAssignedTo() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String boilers = "boilers-" + suffix;
		String parks = "parks-" + suffix;
		admin("/api/v1/staff/units", Map.of("code", boilers, "name", "市锅炉监察所", "kind", "department"));
		admin("/api/v1/staff/units", Map.of("code", parks, "name", "市园林局", "kind", "department"));
		Map<String, Object> moderator = new LinkedHashMap<>();
		moderator.put("username", "router-" + suffix);
		moderator.put("password", PASSWORD);
		moderator.put("roles", List.of("moderator"));
		admin("/api/v1/staff/users", moderator);
		// The suffix makes this run's letters nearest to each other: the test database
		// (and so the rebuilt index) keeps earlier runs' letters.
		String first = submit("锅炉房烟囱冒黑烟 " + suffix, "东郊供暖锅炉房的烟囱天天冒黑烟，燃煤锅炉没有脱硫设施，呛得居民睁不开眼。" + suffix);
		String other = submit("公园草坪被踩秃", "滨江公园的草坪被踩秃了，园林绿化无人养护，树木枯死。");
		act("router-" + suffix, first, Map.of("action", "accept"));
		act("router-" + suffix, first, Map.of("action", "assign", "unit", boilers));
		act("router-" + suffix, other, Map.of("action", "accept"));
		act("router-" + suffix, other, Map.of("action", "assign", "unit", parks));
		String next = submit("锅炉烟囱黑烟扰民 " + suffix, "供暖锅炉房烟囱冒黑烟，燃煤锅炉污染严重，请查处。" + suffix);
		this.http.get()
			.uri("/api/v1/staff/letters/{n}", next)
			.headers((h) -> h.setBasicAuth("router-" + suffix, PASSWORD))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.trackingNumber")
			.isEqualTo(next)
			.jsonPath("$.state")
			.isEqualTo("received")
			.jsonPath("$.suggestedUnits[0].unit")
			.isEqualTo(boilers)
			.jsonPath("$.suggestedUnits[0].score")
			.isNumber()
			.jsonPath("$.suggestedUnits.length()")
			.value((Integer n) -> org.assertj.core.api.Assertions.assertThat(n).isBetween(1, 3));
	}

	private void act(String who, String letter, Map<String, Object> step) {
		StaffActions.act(this.http, who, PASSWORD, letter, step).expectStatus().isOk();
	}

	private void admin(String path, Map<String, Object> body) {
		StaffAccounts.create(this.http, path, body);
	}

	private String submit(String title, String body) {
		Map<String, Object> letter = Citizens.letter("complaint", "environment", "xishan", title, body);
		letter.put("name", "钱七");
		letter.put("phone", "13900139001");
		letter.put("publicationConsent", true);
		return Citizens.submit(this.http, letter).trackingNumber();
	}

}
