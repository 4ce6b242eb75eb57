package cn.mailbox.portal.staff;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.mailbox.moderation.calendar.Deadlines;
import cn.mailbox.moderation.calendar.TimerBasis;
import cn.mailbox.moderation.calendar.WorkingDayCalendar;
import cn.mailbox.moderation.holidays.HolidayCalendarStore;
import cn.mailbox.moderation.letter.Nature;
import cn.mailbox.portal.Citizens;
import cn.mailbox.portal.PortalIntegrationTest;
import cn.mailbox.portal.StaffAccounts;
import cn.mailbox.portal.StaffActions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.StatusAssertions;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refusals in the user's language, the holiday calendar loaded by administrators, and the
 * public statistics computed from the moderation tables.
 */
@PortalIntegrationTest
@SuppressWarnings("unchecked")
class StaffAdministrationIntegrationTests {

	private static final String PASSWORD = "a-long-test-password";

	WebTestClient http;

	@Autowired
	DatabaseClient db;

	@Autowired
	Deadlines deadlines;

	@Autowired
	HolidayCalendarStore calendarStore;

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

	@Test
	void countsReceivedRepliedAndSatisfactionPerUnitAndNatureWithoutInvestigations() {
		String unit = "stats-" + UUID.randomUUID().toString().substring(0, 8);
		String other = unit + "-b";
		letter(unit, "complaint", "2016-05-03T02:00:00Z", "published", true, "satisfied", false, "closed");
		letter(unit, "complaint", "2016-05-04T02:00:00Z", "approved", true, "dissatisfied", false, "closed");
		letter(unit, "complaint", "2016-05-05T02:00:00Z", "approved", true, "basically_satisfied", false, "closed");
		letter(unit, "complaint", "2016-05-06T02:00:00Z", "in_progress", false, null, false, "assign");
		// An investigation, suspected spam, confirmed spam and a letter after the
		// period: never counted.
		letter(unit, "complaint", "2016-05-07T02:00:00Z", "approved", true, "satisfied", true, "instruct");
		letter(unit, "complaint", "2016-05-08T02:00:00Z", "quarantined", false, null, false, "assign");
		letter(unit, "complaint", "2016-05-09T02:00:00Z", "closed", false, null, false, "confirm_spam");
		letter(unit, "complaint", "2016-05-31T16:00:00Z", "approved", true, "satisfied", false, "closed");
		letter(unit, "help", "2016-05-10T02:00:00Z", "approved", true, null, false, "approve");
		// Joint handling counts for both units; 2016-05-31 23:59 in Shanghai is inside.
		letter(List.of(unit, other), "help", "2016-05-31T15:59:00Z", "in_progress", false, null, false, "assign");
		List<Map<String, Object>> rows = this.http.get()
			.uri("/api/v1/stats?from=2016-05-01&to=2016-05-31")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Stats.class)
			.returnResult()
			.getResponseBody()
			.rows()
			.stream()
			.filter((row) -> ((String) row.get("unit")).startsWith(unit))
			.toList();
		assertThat(rows).hasSize(3);
		assertThat(rows.get(0)).containsEntry("unit", unit)
			.containsEntry("nature", "complaint")
			.containsEntry("received", 4)
			.containsEntry("replied", 3)
			.containsEntry("rated", 3)
			.containsEntry("published", 0)
			.containsKeys("onTime", "onTimeRate", "medianWorkingDays");
		// Three ratings are fewer than the minimum of five: the rate is withheld.
		assertThat(rows.get(0)).containsEntry("satisfactionRate", null)
			.containsEntry("satisfactionWithheld", "few_ratings");
		assertThat(rows.get(1)).containsEntry("nature", "help")
			.containsEntry("received", 2)
			.containsEntry("replied", 1)
			.containsEntry("rated", 0)
			.containsEntry("satisfactionRate", 0.0);
		assertThat(rows.get(2)).containsEntry("unit", other)
			.containsEntry("nature", "help")
			.containsEntry("received", 1);
	}

	record Stats(List<Map<String, Object>> rows) {
	}

	private void letter(String unit, String nature, String receivedAt, String state, boolean replied,
			String satisfaction, boolean restricted, String lastAction) {
		letter(List.of(unit), nature, receivedAt, state, replied, satisfaction, restricted, lastAction);
	}

	/**
	 * A stored letter as the workflow would leave it, written directly for exact figures.
	 */
	private void letter(List<String> units, String nature, String receivedAt, String state, boolean replied,
			String satisfaction, boolean restricted, String lastAction) {
		String number = "ST" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
		Instant at = Instant.parse(receivedAt);
		var insert = this.db.sql("""
				insert into letters (tracking_number, mailbox, nature, field, region, title, body, anonymous,
				    publication_consent, channel, access_code_hash, state, received_at, assigned_units, restricted,
				    reply_text, replied_at, reply_approved_at, feedback_satisfaction, feedback_at)
				values (:n, 'mayor', :nature, 'other', 'xishan', '统计', '统计用来信', false, true, 'api', :hash,
				    :state, :at, :units, :restricted, :reply, :repliedAt, :repliedAt, :satisfaction, :ratedAt)
				returning id""")
			.bind("n", number)
			.bind("nature", nature)
			.bind("hash", new byte[] { 0 })
			.bind("state", state)
			.bind("at", at)
			.bind("units", units.toArray(String[]::new))
			.bind("restricted", restricted);
		insert = replied ? insert.bind("reply", "答复").bind("repliedAt", at)
				: insert.bindNull("reply", String.class).bindNull("repliedAt", Instant.class);
		insert = (satisfaction != null) ? insert.bind("satisfaction", satisfaction).bind("ratedAt", at)
				: insert.bindNull("satisfaction", String.class).bindNull("ratedAt", Instant.class);
		Long id = insert.map((row) -> row.get("id", Long.class)).one().block();
		this.db.sql("""
				insert into letter_events (letter_id, at, actor, role, action)
				values (:id, :at, 'admin', 'admin', :action)""")
			.bind("id", id)
			.bind("at", at)
			.bind("action", lastAction)
			.then()
			.block();
	}

	@Test
	void loadsANewCalendarYearThatLaterDeadlinesUseAndThatSurvivesARestart() {
		// Friday 2031-02-28, 10:00 in Shanghai; a consultation has 3 working days.
		Instant friday = Instant.parse("2031-02-28T02:00:00Z");
		loadCalendar(2031, "{\"year\":2031,\"papers\":[],\"days\":[]}").isOk()
			.expectBody()
			.jsonPath("$.specialDays")
			.isEqualTo(0)
			.jsonPath("$.workingDays")
			.isEqualTo(261);
		assertThat(this.deadlines.start(Nature.CONSULTATION, TimerBasis.ASSIGNMENT, friday, null).dueDate())
			.isEqualTo(LocalDate.of(2031, 3, 5));
		loadCalendar(2031, """
				{"year":2031,"papers":[],"days":[{"name":"测试假日","date":"2031-03-03","isOffDay":true},
				 {"name":"测试假日","date":"2031-03-08","isOffDay":false}]}""").isOk()
			.expectBody()
			.jsonPath("$.specialDays")
			.isEqualTo(2)
			.jsonPath("$.workingDays")
			.isEqualTo(261);
		assertThat(this.deadlines.start(Nature.CONSULTATION, TimerBasis.ASSIGNMENT, friday, null).dueDate())
			.as("Monday 03-03 is now a holiday")
			.isEqualTo(LocalDate.of(2031, 3, 6));
		WorkingDayCalendar afterRestart = WorkingDayCalendar.bundled();
		assertThat(this.calendarStore.restoreInto(afterRestart).block()).isPositive();
		assertThat(afterRestart.isWorkingDay(LocalDate.of(2031, 3, 3))).isFalse();
		assertThat(afterRestart.isWorkingDay(LocalDate.of(2031, 3, 8))).isTrue();
	}

	@Test
	void refusesAnInvalidCalendarWithEveryFieldAndNonAdministrators() {
		loadCalendar(2031,
				"{\"year\":2030,\"days\":[{\"date\":\"2031-02-30\",\"isOffDay\":\"yes\"},"
						+ "{\"date\":\"2029-05-01\",\"isOffDay\":true}]}")
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[*].field")
			.value((fields) -> assertThat((List<String>) fields).containsExactlyInAnyOrder("year", "days[0].isOffDay",
					"days[0].date", "days[1].date"))
			.jsonPath("$.errors[?(@.field == 'year')].message")
			.isEqualTo("The year in the document must be 2031, the year in the address.");
		loadCalendar(2031, "not json").isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("document");
		String moderator = "calmod-" + UUID.randomUUID().toString().substring(0, 8);
		admin("/api/v1/staff/users", Map.of("username", moderator, "password", PASSWORD, "roles", List.of("moderator")))
			.expectStatus()
			.isCreated();
		this.http.put()
			.uri("/api/v1/staff/calendar/2031")
			.headers((h) -> h.setBasicAuth(moderator, PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"year\":2031,\"days\":[]}")
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	private StatusAssertions loadCalendar(int year, String document) {
		return this.http.put()
			.uri("/api/v1/staff/calendar/{year}", year)
			.headers((h) -> h.setBasicAuth("admin", PortalIntegrationTest.ADMIN_PASSWORD))
			.header("Accept-Language", "en")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(document)
			.exchange()
			.expectStatus();
	}

	private WebTestClient.ResponseSpec act(String user, String password, String letter, Map<String, Object> action,
			String language) {
		return StaffActions.act(this.http, user, password, letter, action,
				(headers) -> headers.set("Accept-Language", language));
	}

	private WebTestClient.ResponseSpec admin(String path, Object body) {
		return StaffAccounts.post(this.http, path, body);
	}

	private String submit() {
		Map<String, Object> letter = Citizens.letter("consultation", "education_culture", "nanhu", "入学咨询",
				"请问今年小学入学报名时间是什么时候？" + UUID.randomUUID());
		letter.put("name", "钱七");
		letter.put("phone", "13900139002");
		letter.put("publicationConsent", true);
		return Citizens.submit(this.http, letter).trackingNumber();
	}

}
