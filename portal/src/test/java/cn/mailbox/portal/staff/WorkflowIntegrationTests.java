package cn.mailbox.portal.staff;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.mailbox.moderation.calendar.WorkingDayCalendar;
import cn.mailbox.portal.Citizens;
import cn.mailbox.portal.PortalIntegrationTest;
import cn.mailbox.portal.StaffAccounts;
import cn.mailbox.portal.StaffActions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.StatusAssertions;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handling workflow through the staff API, as staff scripts would drive it: roles and
 * units enforced, every step in the audit trail, impossible steps refused without change.
 */
@PortalIntegrationTest
class WorkflowIntegrationTests {

	private static final String PASSWORD = "a-long-test-password";

	@Autowired
	WebTestClient http;

	private String suffix;

	private String water;

	private String roads;

	@BeforeEach
	void staff() {
		this.suffix = UUID.randomUUID().toString().substring(0, 8);
		this.water = "water-" + this.suffix;
		this.roads = "roads-" + this.suffix;
		admin("/api/v1/staff/units", Map.of("code", this.water, "name", "市水务局", "kind", "department"));
		admin("/api/v1/staff/units", Map.of("code", this.roads, "name", "市交通局", "kind", "department"));
		user("mod-" + this.suffix, List.of("moderator"), null);
		user("water-" + this.suffix, List.of("unit_officer"), this.water);
		user("roads-" + this.suffix, List.of("unit_officer"), this.roads);
		user("leader-" + this.suffix, List.of("leader"), null);
	}

	@Test
	void takesALetterAllTheWayToPublicationWithAReplyRejectedOnce() {
		String letter = submit("complaint");
		act("mod", letter, Map.of("action", "accept")).isOk();
		act("mod", letter, Map.of("action", "assign", "unit", this.water, "instructions", "请核实处理")).isOk()
			.expectBody()
			.jsonPath("$.state")
			.isEqualTo("assigned")
			.jsonPath("$.currentUnit")
			.isEqualTo(this.water);
		act("water", letter, Map.of("action", "sign")).isOk().expectBody().jsonPath("$.state").isEqualTo("in_progress");
		act("water", letter, Map.of("action", "reply", "text", "已派人维修。")).isOk()
			.expectBody()
			.jsonPath("$.state")
			.isEqualTo("replied");
		act("mod", letter, Map.of("action", "reject_reply", "reason", "答复未说明维修时间")).isOk()
			.expectBody()
			.jsonPath("$.state")
			.isEqualTo("in_progress");
		act("water", letter,
				Map.of("action", "reply", "text", "周九您好：已于本周三修复，今后每月巡检。如有问题请联系13900139000，或发邮件至 zhou9@example.cn。"))
			.isOk();
		act("mod", letter, Map.of("action", "approve")).isOk().expectBody().jsonPath("$.state").isEqualTo("approved");
		act("mod", letter, Map.of("action", "disclose")).isOk()
			.expectBody()
			.jsonPath("$.state")
			.isEqualTo("published")
			.jsonPath("$.published")
			.isEqualTo(true)
			.jsonPath("$.events.length()")
			.isEqualTo(9)
			.jsonPath("$.events[*].actor")
			.value((actors) -> assertThat((List<String>) actors).doesNotContainNull().doesNotContain(""));
		String published = this.http.get()
			.uri("/api/v1/archive/{n}", letter)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(published).contains("已于本周三修复")
			.doesNotContain("周九")
			.doesNotContain("13900139000")
			.doesNotContain("zhou9@example.cn");
	}

	@Test
	void refusesImpossibleStepsWithoutChangingAnything() {
		String letter = submit("help");
		act("mod", letter, Map.of("action", "approve")).isEqualTo(409);
		act("mod", letter, Map.of("action", "sign")).isEqualTo(403);
		act("water", letter, Map.of("action", "accept")).isEqualTo(404);
		act("mod", letter, Map.of("action", "fly")).isBadRequest();
		act("mod", letter, Map.of("action", "reject")).isBadRequest();
		view("mod", letter).jsonPath("$.state").isEqualTo("received").jsonPath("$.events.length()").isEqualTo(1);
	}

	@Test
	void startsAComplaintsClockAtAssignmentForFiveWorkingDays() {
		String letter = submit("complaint");
		act("mod", letter, Map.of("action", "accept")).isOk();
		ZoneId zone = ZoneId.of("Asia/Shanghai");
		LocalDate due = WorkingDayCalendar.bundled().plusWorkingDays(LocalDate.now(zone), 5);
		act("mod", letter, Map.of("action", "assign", "unit", this.water)).isOk()
			.expectBody()
			.jsonPath("$.deadline")
			.value((deadline) -> assertThat(java.time.Instant.parse((String) deadline).atZone(zone).toLocalDate())
				.isEqualTo(due))
			.jsonPath("$.deadlineStatus.workingDaysElapsed")
			.isEqualTo(0);
	}

	@Test
	void letsALeaderInstructAnEscalatedLetter() {
		String letter = submit("report");
		act("mod", letter, Map.of("action", "accept")).isOk();
		act("mod", letter, Map.of("action", "escalate", "note", "涉及多个部门")).isOk()
			.expectBody()
			.jsonPath("$.state")
			.isEqualTo("escalated");
		act("water", letter, Map.of("action", "instruct", "instructions", "x")).isEqualTo(404);
		act("leader", letter, Map.of("action", "instruct", "instructions", "请交通局牵头办理")).isOk()
			.expectBody()
			.jsonPath("$.state")
			.isEqualTo("accepted");
		act("mod", letter, Map.of("action", "assign", "unit", this.roads)).isOk();
		view("roads", letter).jsonPath("$.state").isEqualTo("assigned").jsonPath("$.deadlineStatus").exists();
	}

	@Test
	void letsAUnitReturnAMisroutedLetter() {
		String letter = submit("help");
		act("mod", letter, Map.of("action", "accept")).isOk();
		act("mod", letter, Map.of("action", "assign", "unit", this.water)).isOk();
		act("roads", letter, Map.of("action", "return", "reason", "不是我们的")).isEqualTo(404);
		act("water", letter, Map.of("action", "return", "reason", "属交通局职责")).isOk()
			.expectBody()
			.jsonPath("$.state")
			.isEqualTo("accepted")
			.jsonPath("$.currentUnit")
			.doesNotExist();
		view("mod", letter).jsonPath("$.events[-1].action")
			.isEqualTo("return")
			.jsonPath("$.events[-1].comment")
			.isEqualTo("属交通局职责");
	}

	@Test
	void showsUnitsOnlyTheirOwnLetters() {
		String letter = submit("help");
		act("mod", letter, Map.of("action", "accept")).isOk();
		act("mod", letter, Map.of("action", "assign", "unit", this.water)).isOk();
		queue("water").jsonPath("$.items[*].trackingNumber")
			.value((numbers) -> assertThat((List<String>) numbers).contains(letter));
		queue("roads").jsonPath("$.items[*].trackingNumber")
			.value((numbers) -> assertThat((List<String>) numbers).doesNotContain(letter));
	}

	@Test
	void filtersTheMayorsMailboxQueueByAssignedUnit() {
		String letter = submit("help");
		act("mod", letter, Map.of("action", "accept")).isOk();
		act("mod", letter, Map.of("action", "assign", "unit", this.water)).isOk();
		// Not assigned yet: in no unit's queue (and not in the units index).
		submit("help");
		queue("mod", this.water).jsonPath("$.items[*].trackingNumber")
			.value((numbers) -> assertThat((List<String>) numbers).containsExactly(letter));
		queue("mod", this.roads).jsonPath("$.items").isEmpty();
	}

	@Test
	void givesTheMayorsMailboxEveryQueueWithCounts() {
		String letter = submit("consultation");
		queue("mod").jsonPath("$.counts").exists();
		this.http.get()
			.uri("/api/v1/staff/letters?state=received")
			.headers((h) -> h.setBasicAuth("admin", PortalIntegrationTest.ADMIN_PASSWORD))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.counts.received")
			.isNumber();
		view("mod", letter).jsonPath("$.allowedActions")
			.value((actions) -> assertThat((List<String>) actions).contains("accept", "reject", "keep", "defer")
				.doesNotContain("sign", "approve"));
	}

	@Test
	void showsOpenLettersOnThePublicBoardWithoutPrivateFields() {
		String letter = submit("complaint");
		act("mod", letter, Map.of("action", "accept")).isOk();
		act("mod", letter, Map.of("action", "assign", "unit", this.water)).isOk();
		String board = this.http.get()
			.uri("/api/v1/board")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(board).contains(letter).contains(this.water).doesNotContain("周九").doesNotContain("13900139000");
		this.http.get()
			.uri("/api/v1/board")
			.exchange()
			.expectBody()
			.jsonPath("$.items[?(@.trackingNumber == '" + letter + "')].workingDaysElapsed")
			.isEqualTo(List.of(0))
			.jsonPath("$.items[?(@.trackingNumber == '" + letter + "')].deadline")
			.exists();
		String investigated = submit("report");
		act("mod", investigated, Map.of("action", "accept")).isOk();
		act("mod", investigated, Map.of("action", "investigate", "note", "敏感")).isOk();
		this.http.get()
			.uri("/api/v1/board")
			.exchange()
			.expectBody(String.class)
			.value((text) -> assertThat(text).doesNotContain(investigated));
	}

	@Test
	void refusesAssignmentToAnUnknownUnit() {
		String letter = submit("help");
		act("mod", letter, Map.of("action", "accept")).isOk();
		act("mod", letter, Map.of("action", "assign", "unit", "nowhere-" + this.suffix)).isEqualTo(422);
	}

	@Test
	void keepsAccountManagementForAdministrators() {
		this.http.post()
			.uri("/api/v1/staff/units")
			.headers((h) -> h.setBasicAuth("mod-" + this.suffix, PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("code", "x-" + this.suffix, "name", "x"))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	private StatusAssertions act(String who, String letter, Map<String, Object> step) {
		return StaffActions.act(this.http, who + "-" + this.suffix, PASSWORD, letter, step).expectStatus();
	}

	private WebTestClient.BodyContentSpec view(String who, String letter) {
		return StaffActions.view(this.http, who + "-" + this.suffix, PASSWORD, letter)
			.expectStatus()
			.isOk()
			.expectBody();
	}

	private WebTestClient.BodyContentSpec queue(String who) {
		return this.http.get()
			.uri("/api/v1/staff/letters?state=assigned")
			.headers((h) -> h.setBasicAuth(who + "-" + this.suffix, PASSWORD))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody();
	}

	private WebTestClient.BodyContentSpec queue(String who, String unit) {
		return this.http.get()
			.uri("/api/v1/staff/letters?unit={unit}", unit)
			.headers((h) -> h.setBasicAuth(who + "-" + this.suffix, PASSWORD))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody();
	}

	private void admin(String path, Map<String, Object> body) {
		StaffAccounts.create(this.http, path, body);
	}

	private void user(String username, List<String> roles, String unit) {
		StaffAccounts.user(this.http, username, PASSWORD, roles, unit);
	}

	private String submit(String nature) {
		Map<String, Object> letter = Citizens.letter(nature, "water_power_gas", "xishan", "小区停水三天",
				"我叫周九，电话13900139000。西山区某小区停水三天，无人通知。");
		letter.put("name", "周九");
		letter.put("phone", "13900139000");
		letter.put("publicationConsent", true);
		return Citizens.submit(this.http, letter).trackingNumber();
	}

}
