package cn.mailbox.portal.intake;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import cn.mailbox.moderation.letter.LetterRegistry;
import cn.mailbox.portal.PortalIntegrationTest;
import cn.mailbox.portal.ratelimit.ContactLimiter;
import cn.mailbox.portal.screening.DuplicateIndex;
import cn.mailbox.portal.screening.FormSignals;
import cn.mailbox.portal.screening.ScopeScreen;
import cn.mailbox.portal.screening.SpamScreen;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two batches in flight at once ({@code max-in-flight} 2): a letter that repeats one
 * whose batch has not committed yet waits for that commit instead of failing the foreign
 * key of its duplicate link. The first batch is held open by a transaction of the test's
 * own that has inserted its idempotency key and not committed, so the order is certain.
 */
@PortalIntegrationTest
class ConcurrentBatchesIntegrationTests {

	@Autowired
	SubmissionValidator validator;

	@Autowired
	LetterRegistry registry;

	@Autowired
	DatabaseClient db;

	@Autowired
	TransactionalOperator transaction;

	@Autowired
	ServerSecrets secrets;

	@Autowired
	SpamScreen spamScreen;

	@Autowired
	ScopeScreen scopeScreen;

	@Autowired
	DuplicateIndex duplicates;

	@Autowired
	ContactLimiter contactLimiter;

	@Autowired
	ConnectionFactory connections;

	@Test
	void aLetterRepeatingOneInAnUncommittedBatchWaitsForItsCommit() {
		SubmitLetter intake = new SubmitLetter(this.validator, this.registry, this.db, this.transaction,
				new GroupCommitSettings(true, 64, 256, Duration.ofMillis(1), 2), this.secrets, this.spamScreen,
				this.scopeScreen, this.duplicates, this.contactLimiter, new SimpleMeterRegistry());
		String body = randomChinese(150);
		String key = "held-" + System.nanoTime();
		long anyLetter = intake.submit(letter(body), null, "10.9.8.7", "zh-CN", "api", FormSignals.NONE)
			.flatMap((first) -> this.db.sql("select id from letters where tracking_number = :n")
				.bind("n", first.trackingNumber())
				.map((row) -> row.get("id", Long.class))
				.one())
			.block();
		// That first letter is the one the others repeat: leave it out of the index.
		this.duplicates.remove(anyLetter);
		Connection holder = Mono.from(this.connections.create()).block();
		try {
			Mono.from(holder.beginTransaction()).block();
			Mono.from(holder
				.createStatement("insert into idempotency_keys (key_hash, request_hash, letter_id, first_status, "
						+ "created_at) values (decode($1, 'hex'), '\\x00', $2, 'received', now())")
				.bind("$1", HexFormat.of().formatHex(AccessCodes.sha256("idempotency:" + key)))
				.bind("$2", anyLetter)
				.execute()).flatMap((result) -> Mono.from(result.getRowsUpdated())).block();

			CompletableFuture<SubmissionResult> held = intake
				.submit(letter(body), key, "10.9.8.6", "zh-CN", "api", FormSignals.NONE)
				.toFuture();
			await().atMost(Duration.ofSeconds(10)).until(() -> intake.uncommitted().size() == 1);
			CompletableFuture<SubmissionResult> repeat = intake
				.submit(letter(body), null, "10.9.8.5", "zh-CN", "api", FormSignals.NONE)
				.toFuture();
			await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !repeat.isDone());
			assertThat(held).isNotDone();

			Mono.from(holder.rollbackTransaction()).block();
			SubmissionResult first = held.join();
			SubmissionResult second = repeat.join();
			assertThat(duplicateOf(second.trackingNumber())).isEqualTo(id(first.trackingNumber()));
			assertThat(intake.uncommitted().size()).isZero();
		}
		finally {
			Mono.from(holder.close()).block();
		}
	}

	private Long id(String trackingNumber) {
		return this.db.sql("select id from letters where tracking_number = :n")
			.bind("n", trackingNumber)
			.map((row) -> row.get("id", Long.class))
			.one()
			.block();
	}

	private Long duplicateOf(String trackingNumber) {
		return this.db
			.sql("select s.duplicate_of from letter_screening s join letters l on l.id = s.letter_id "
					+ "where l.tracking_number = :n")
			.bind("n", trackingNumber)
			.map((row) -> row.get("duplicate_of", Long.class))
			.one()
			.block();
	}

	private static LetterSubmission letter(String body) {
		String phone = "135" + (10000000 + new Random().nextInt(89999999));
		return new LetterSubmission("mayor", "complaint", "environment", "xishan", "工地夜间施工噪音扰民", body, "王小明", phone,
				null, false, true, null);
	}

	private static String randomChinese(int length) {
		String pool = "西山区华庭小区三栋楼下垃圾站每天清运噪音很大而且渗滤液流到人行道上气味难闻请环卫部门调整时间并清理"
				+ "路灯维修停水停电公交线路学校医院社保公积金物业业主委员会电梯漏水违建拆除绿化带占道经营";
		Random random = new Random();
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(pool.charAt(random.nextInt(pool.length())));
		}
		return text.toString();
	}

}
