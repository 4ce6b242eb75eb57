package cn.mailbox.portal.staff;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.mailbox.moderation.supervision.Supervision;
import cn.mailbox.portal.Citizens;
import cn.mailbox.portal.PortalIntegrationTest;
import cn.mailbox.portal.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@PortalIntegrationTest
class SupervisionIntegrationTests {

	/** Monday 2026-11-23, 10:00 in Shanghai: a working day. */
	private static final Instant MONDAY = Instant.parse("2026-11-23T02:00:00Z");

	@Autowired
	WebTestClient http;

	@Autowired
	DatabaseClient db;

	@Autowired
	Supervision supervision;

	@Test
	void remindsAnOverdueLetterOncePerWorkingDayEvenWhenRunTwice() {
		String unit = "sup-" + UUID.randomUUID().toString().substring(0, 8);
		asAdmin("/api/v1/staff/units", Map.of("code", unit, "name", "市城管局")).expectStatus().isCreated();
		String letter = submit();
		asAdmin("/api/v1/staff/letters/" + letter + "/actions", Map.of("action", "accept")).expectStatus().isOk();
		asAdmin("/api/v1/staff/letters/" + letter + "/actions", Map.of("action", "assign", "unit", unit)).expectStatus()
			.isOk();
		// Travel: assigned on Monday 11-09 with 5 working days, due 11-16, a week before
		// the round.
		this.db
			.sql("""
					update letters set workflow = jsonb_set(workflow, '{deadline}', workflow->'deadline' || jsonb_build_object(
					    'startedAt', '2026-11-09T02:00:00Z', 'startDay', '2026-11-09', 'limitDays', 5, 'extensionDays', 0,
					    'dueDate', '2026-11-16', 'dueAt', '2026-11-16T15:59:59.999999999Z')),
					    deadline_at = '2026-11-16T15:59:59.999999Z' where tracking_number = :n""")
			.bind("n", letter)
			.then()
			.block();
		assertThat(this.supervision.remindDueLetters(MONDAY).block()).isPositive();
		this.supervision.remindDueLetters(MONDAY).block();
		List<Map<String, Object>> reminders = this.db.sql("""
				select e.actor, e.comment from letter_events e join letters l on l.id = e.letter_id
				where l.tracking_number = :n and e.action = 'remind'""")
			.bind("n", letter)
			.fetch()
			.all()
			.collectList()
			.block();
		assertThat(reminders).hasSize(1);
		assertThat(reminders.get(0).get("actor")).isEqualTo("system");
		assertThat((String) reminders.get(0).get("comment")).contains("已超期");
	}

	private WebTestClient.ResponseSpec asAdmin(String path, Map<String, Object> body) {
		return StaffAccounts.post(this.http, path, body);
	}

	private String submit() {
		Map<String, Object> letter = Citizens.letter("help", "urban_construction", "beiyuan", "占道经营",
				"北苑路口长期占道经营，影响通行。" + UUID.randomUUID());
		letter.put("name", "吴十");
		letter.put("email", "wu@example.cn");
		return Citizens.submit(this.http, letter).trackingNumber();
	}

}
