package cn.mailbox.portal.screening;

import java.time.Instant;
import java.util.Map;
import java.util.Random;

import cn.mailbox.portal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A letter stored with a signature of an earlier MinHash scheme still catches its
 * near-duplicates once the portal restarts: the rebuild signs it again from its text, and
 * stores the new signature so that the next start-up need not sign it again.
 */
@PortalIntegrationTest
class SignatureSchemeIntegrationTests {

	@Autowired
	WebTestClient http;

	@Autowired
	DatabaseClient db;

	@Autowired
	DuplicateIndex index;

	@Autowired
	@Qualifier("duplicateIndexRebuild")
	ApplicationRunner rebuild;

	@Test
	void signsLettersOfAnEarlierSchemeAgainOnRebuildAndStoresTheNewSignature() throws Exception {
		String title = "小区地下车库积水";
		String body = randomChinese(160, new Random());
		String number = submit(title, body);
		Long id = this.db.sql("select id from letters where tracking_number = :n")
			.bind("n", number)
			.map((row) -> row.get("id", Long.class))
			.one()
			.block();
		byte[] stored = this.db.sql("select signature from letter_screening where letter_id = :id")
			.bind("id", id)
			.map((row) -> row.get("signature", byte[].class))
			.one()
			.block();
		assertThat(DuplicateSignature.currentScheme(stored)).isTrue();
		byte[] earlier = DuplicateIndexTests.firstSchemeBytes(DuplicateSignature.fromBytes(stored));
		this.db.sql("update letter_screening set signature = :s where letter_id = :id")
			.bind("s", earlier)
			.bind("id", id)
			.then()
			.block();
		this.index.remove(id);

		this.rebuild.run(new DefaultApplicationArguments());

		String edited = body.substring(0, 120) + randomChinese(40, new Random());
		DuplicateCheck check = this.index.check(this.index.sign(Long.MAX_VALUE, Instant.now(), null, title, edited));
		assertThat(check).isInstanceOfSatisfying(DuplicateCheck.Near.class,
				(near) -> assertThat(near.earliestLetterId()).isEqualTo(id));
		byte[] written = this.db.sql("select signature from letter_screening where letter_id = :id")
			.bind("id", id)
			.map((row) -> row.get("signature", byte[].class))
			.one()
			.block();
		assertThat(DuplicateSignature.currentScheme(written)).as("signed again and written back").isTrue();
		assertThat(DuplicateSignature.fromBytes(written).minHash())
			.isEqualTo(DuplicateSignature.fromBytes(stored).minHash());
	}

	private String submit(String title, String body) {
		Map<?, ?> receipt = this.http.post()
			.uri("/api/v1/letters")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("mailbox", "mayor", "nature", "suggestion", "field", "environment", "region", "xishan",
					"title", title, "body", body, "name", "王小明", "phone", "13800138000", "anonymous", false,
					"publicationConsent", true))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return (String) receipt.get("trackingNumber");
	}

	private static String randomChinese(int length, Random random) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append((char) (0x4e00 + random.nextInt(3000)));
		}
		return text.toString();
	}

}
