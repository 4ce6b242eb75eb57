package cn.mailbox.portal.staff;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.mailbox.portal.Citizens;
import cn.mailbox.portal.PortalIntegrationTest;
import cn.mailbox.portal.StaffAccounts;
import cn.mailbox.portal.StaffActions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.StatusAssertions;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redaction proposals and their review through the staff API: proposed on approval,
 * reviewed as a full list (validated by field), previewed, and applied by
 * {@code disclose}; the writer's will and own fields win over any review.
 */
@PortalIntegrationTest
class RedactionReviewIntegrationTests {

	private static final String PASSWORD = "a-long-test-password";

	private static final String BODY = "我叫周九，电话13900139000。西山区紫薇小区停水三天，无人通知。";

	private static final String REPLY = "周九您好：已修复。如有问题请联系李建国主任，电话0731-84567890。";

	@Autowired
	WebTestClient http;

	private String moderator;

	@BeforeEach
	void staff() {
		// The first request of a run pays for bcrypt and HanLP warm-up on a busy machine.
		this.http = this.http.mutate().responseTimeout(Duration.ofSeconds(60)).build();
		this.moderator = "redmod-" + UUID.randomUUID().toString().substring(0, 8);
		StaffAccounts.user(this.http, this.moderator, PASSWORD, List.of("moderator"), null);
	}

	@Test
	void proposesRedactionsOfLetterAndReplyWhenTheReplyIsApproved() {
		String letter = approved(true);

		List<Map<String, Object>> proposals = proposals(letter);

		assertThat(proposals).anySatisfy((p) -> {
			assertThat(p).containsEntry("target", "letter").containsEntry("kind", "NAME").containsEntry("text", "周九");
			assertThat(p).containsEntry("start", BODY.indexOf("周九")).containsEntry("status", "proposed");
			assertThat(p).containsEntry("writerField", true).containsKey("score").containsKey("explanation");
		});
		assertThat(proposals).anySatisfy((p) -> assertThat(p).containsEntry("target", "reply")
			.containsEntry("kind", "PHONE")
			.containsEntry("text", "0731-84567890"));
		assertThat(proposals).anySatisfy((p) -> assertThat(p).containsEntry("target", "reply")
			.containsEntry("kind", "NAME")
			.containsEntry("text", "李建国"));
	}

	@Test
	void disclosesWhatTheModeratorReviewedAndNeverTheWritersOwnFields() {
		String letter = approved(true);
		List<Map<String, Object>> kept = new ArrayList<>();
		for (Map<String, Object> p : proposals(letter)) {
			// Remove the official's name from the reply and, against the rule, the
			// writer's
			// name from the letter: the first is honoured, the second is not.
			if (!"李建国".equals(p.get("text")) && !("周九".equals(p.get("text")) && "letter".equals(p.get("target")))) {
				kept.add(Map.of("target", p.get("target"), "start", p.get("start"), "end", p.get("end"), "kind",
						p.get("kind")));
			}
		}
		int estate = BODY.indexOf("紫薇小区");
		kept.add(Map.of("target", "letter", "start", estate, "end", estate + 4, "kind", "address"));
		review(letter, kept).isOk()
			.expectBody()
			.jsonPath("$.redactionProposals[?(@.text == '紫薇小区')].status")
			.isEqualTo(List.of("added"))
			.jsonPath("$.redactionProposals[?(@.text == '李建国')].status")
			.isEqualTo(List.of("removed"));

		Map<String, Object> preview = this.http.get()
			.uri("/api/v1/staff/letters/{n}/redactions/preview", letter)
			.headers((h) -> h.setBasicAuth(this.moderator, PASSWORD))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat((String) preview.get("letter")).contains("[地址]").doesNotContain("紫薇小区", "周九", "13900139000");
		assertThat((String) preview.get("reply")).contains("李建国").doesNotContain("0731-84567890", "周九");

		act(letter, Map.of("action", "disclose")).isOk();
		String published = archive(letter);
		assertThat(published).contains("[地址]", "李建国", "停水三天")
			.doesNotContain("紫薇小区", "周九", "13900139000", "0731-84567890");
	}

	@Test
	void refusesAListThatDoesNotFitTheLetterWithEveryFieldNamed() {
		String letter = approved(true);
		int estate = BODY.indexOf("紫薇小区");

		review(letter,
				List.of(Map.of("target", "letter", "start", estate, "end", estate + 4, "kind", "ADDRESS"),
						Map.of("target", "letter", "start", estate + 2, "end", estate + 6, "kind", "ADDRESS"),
						Map.of("target", "reply", "start", 0, "end", 9999, "kind", "NAME"),
						Map.of("target", "letter", "start", 0, "end", 1, "kind", "SHOE_SIZE")))
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://mailbox.example/problems/invalid-input")
			.jsonPath("$.errors[*].field")
			.value((fields) -> assertThat((List<String>) fields).containsExactlyInAnyOrder("redactions[1].start",
					"redactions[2].end", "redactions[3].kind"));
		assertThat(proposals(letter)).extracting((p) -> p.get("status")).containsOnly("proposed");
	}

	@Test
	void publishesOnlyWhatWasChosen() {
		String letter = approved(true);

		act(letter, Map.of("action", "disclose", "publish", "neither")).isBadRequest();
		act(letter, Map.of("action", "disclose", "publish", "reply")).isOk();

		Map<String, Object> record = this.http.get()
			.uri("/api/v1/archive/{n}", letter)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(record.get("letter")).isNull();
		assertThat((String) record.get("reply")).contains("已修复");
	}

	@Test
	void publishesNothingAgainstTheWritersWillAndReviewsOnlyApprovedLetters() {
		String refused = approved(false);
		act(refused, Map.of("action", "disclose", "publish", "reply")).isEqualTo(422);
		this.http.get().uri("/api/v1/archive/{n}", refused).exchange().expectStatus().isNotFound();

		String early = submit(true);
		act(early, Map.of("action", "accept")).isOk();
		review(early, List.of()).isEqualTo(409);
	}

	private String approved(boolean consent) {
		String letter = submit(consent);
		act(letter, Map.of("action", "accept")).isOk();
		act(letter, Map.of("action", "direct_reply", "text", REPLY)).isOk();
		act(letter, Map.of("action", "approve")).isOk();
		return letter;
	}

	private List<Map<String, Object>> proposals(String letter) {
		Map<String, Object> view = StaffActions.view(this.http, this.moderator, PASSWORD, letter)
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		return (List<Map<String, Object>>) view.get("redactionProposals");
	}

	private StatusAssertions review(String letter, List<Map<String, Object>> spans) {
		return this.http.put()
			.uri("/api/v1/staff/letters/{n}/redactions", letter)
			.headers((h) -> h.setBasicAuth(this.moderator, PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("redactions", spans))
			.exchange()
			.expectStatus();
	}

	private StatusAssertions act(String letter, Map<String, Object> step) {
		return StaffActions.act(this.http, this.moderator, PASSWORD, letter, step).expectStatus();
	}

	private String archive(String letter) {
		return this.http.get()
			.uri("/api/v1/archive/{n}", letter)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private String submit(boolean consent) {
		Map<String, Object> letter = Citizens.letter("help", "water_power_gas", "xishan", "小区停水三天", BODY);
		letter.put("name", "周九");
		letter.put("phone", "13900139000");
		letter.put("publicationConsent", consent);
		return Citizens.submit(this.http, letter).trackingNumber();
	}

}
