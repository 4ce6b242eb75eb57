package cn.mailbox.portal.intake;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import cn.mailbox.moderation.letter.DuplicateScreening;
import cn.mailbox.moderation.letter.LetterRegistry;
import cn.mailbox.moderation.letter.LetterState;
import cn.mailbox.moderation.letter.Nature;
import cn.mailbox.moderation.letter.NewLetter;
import cn.mailbox.moderation.letter.RegisteredLetter;
import cn.mailbox.moderation.letter.ReservedNumbers;
import cn.mailbox.portal.PortalIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

@PortalIntegrationTest
class GroupCommitIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	@Autowired
	SubmitLetter submitLetter;

	@Autowired
	DatabaseClient db;

	@Autowired
	LetterRegistry registry;

	@Autowired
	TransactionalOperator transaction;

	@LocalServerPort
	int port;

	@Test
	void writesQueuedTogetherShareOneTransaction() {
		GroupCommit<Mono<String>, String> commit = groupCommit(sequentialWriter());
		Sinks.Empty<Void> release = Sinks.empty();
		commit.write(release.asMono().then(currentTransaction())).subscribe();
		Awaitility.await().atMost(PATIENCE).until(() -> commit.pending() == 1);
		List<String> answered = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 6; i++) {
			commit.write(currentTransaction()).subscribe(answered::add);
		}
		Awaitility.await().atMost(PATIENCE).until(() -> commit.pending() == 7);
		assertThat(answered).isEmpty();
		release.tryEmitEmpty();
		Awaitility.await().atMost(PATIENCE).until(() -> answered.size() == 6);
		assertThat(answered).containsOnly(answered.get(0));
		assertThat(commit.commits()).isEqualTo(2);
	}

	/**
	 * A batch held for a while shows in both timers: the batch's own time, and the wait
	 * of every write, the held one's and those queued behind it.
	 */
	@Test
	void timesEachBatchToItsCommitAndEachWriteFromItsQueue() {
		Duration held = Duration.ofMillis(300);
		MeterRegistry meters = new SimpleMeterRegistry();
		GroupCommit<Mono<String>, String> commit = groupCommit(sequentialWriter(), 1, meters);
		List<String> answered = new CopyOnWriteArrayList<>();
		commit.write(Mono.delay(held).then(currentTransaction())).subscribe(answered::add);
		Awaitility.await().atMost(PATIENCE).until(() -> commit.pending() == 1);
		for (int i = 0; i < 3; i++) {
			commit.write(currentTransaction()).subscribe(answered::add);
		}
		Awaitility.await().atMost(PATIENCE).until(() -> answered.size() == 4);
		Timer batches = meters.get(GroupCommit.BATCH_TIMER).timer();
		Timer waits = meters.get(GroupCommit.WAIT_TIMER).timer();
		assertThat(batches.count()).isEqualTo(2);
		assertThat(batches.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(held.toMillis());
		assertThat(waits.count()).isEqualTo(4);
		assertThat(waits.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(held.toMillis());
	}

	@Test
	void aSecondBatchCommitsWhileTheFirstIsStillBeingWritten() {
		GroupCommit<Mono<String>, String> commit = groupCommit(sequentialWriter(), 2);
		Sinks.Empty<Void> release = Sinks.empty();
		List<String> first = new CopyOnWriteArrayList<>();
		commit.write(release.asMono().then(currentTransaction())).subscribe(first::add);
		Awaitility.await().atMost(PATIENCE).until(() -> commit.pending() == 1);
		List<String> answered = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 3; i++) {
			commit.write(currentTransaction()).subscribe(answered::add);
		}
		try {
			Awaitility.await().atMost(PATIENCE).until(() -> answered.size() == 3);
			assertThat(first).as("the first batch is still held").isEmpty();
		}
		finally {
			release.tryEmitEmpty();
		}
		Awaitility.await().atMost(PATIENCE).until(() -> first.size() == 1);
		assertThat(answered).doesNotContain(first.get(0));
		assertThat(commit.pending()).isZero();
	}

	@Test
	void reservesOutsideTheTransactionBeforeEachBatch() {
		List<List<Integer>> reserved = new CopyOnWriteArrayList<>();
		List<String> outside = new CopyOnWriteArrayList<>();
		GroupCommit<Integer, String> commit = groupCommit(new GroupCommit.Writer<>() {

			@Override
			public Mono<List<Integer>> beforeTransaction(List<Integer> items) {
				// Runs on a connection of its own: no transaction of the batch yet.
				return currentTransaction().doOnNext((id) -> {
					reserved.add(items);
					outside.add(id);
				}).thenReturn(items.stream().map((item) -> item * 10).toList());
			}

			@Override
			public Mono<List<String>> writeAll(List<Integer> items) {
				return Flux.fromIterable(items).concatMap(this::writeOne).collectList();
			}

			@Override
			public Mono<String> writeOne(Integer item) {
				return currentTransaction().map((id) -> item + "@" + id);
			}

		});
		List<String> answered = new CopyOnWriteArrayList<>();
		Flux.range(1, 5).flatMap((i) -> commit.write(i)).subscribe(answered::add);
		Awaitility.await().atMost(PATIENCE).until(() -> answered.size() == 5);
		assertThat(answered).extracting((answer) -> answer.substring(0, answer.indexOf('@')))
			.containsExactlyInAnyOrder("10", "20", "30", "40", "50");
		assertThat(reserved.stream().mapToInt(List::size).sum()).isEqualTo(5);
		assertThat(answered).extracting((answer) -> answer.substring(answer.indexOf('@') + 1))
			.doesNotContainAnyElementsOf(outside);
	}

	@Test
	void numbersReservedForABatchThatFailedAreNeverGivenAgain() {
		ReservedNumbers failed = this.registry.reserveTrackingNumbers(3).block(PATIENCE);
		// The batch's own transaction rolls back; the reservation committed on its own.
		this.db.sql("select 1")
			.then()
			.then(Mono.error(new IllegalStateException("batch failed")))
			.as(this.transaction::transactional)
			.onErrorComplete()
			.block(PATIENCE);
		ReservedNumbers next = this.registry.reserveTrackingNumbers(2).block(PATIENCE);
		assertThat(failed.numbers()).hasSize(3).doesNotHaveDuplicates();
		assertThat(next.numbers()).hasSize(2).doesNotContainAnyElementsOf(failed.numbers());
		assertThat(count(next.numbers().get(0))).isEqualTo(count(failed.numbers().get(2)) + 1);
		assertThat(count(failed.numbers().get(2))).isEqualTo(count(failed.numbers().get(0)) + 2);
	}

	@Test
	void aBatchLinksRepeatsToEarlierLettersInsideAndBeforeIt() {
		WebClient client = WebClient.create("http://127.0.0.1:" + this.port);
		String phone = "139" + (10000 + new java.util.Random().nextInt(90000));
		Map<String, Object> earlier = letterFrom(phone, "供暖温度长期不达标的问题", "小区供暖温度长期只有十四度左右，老人孩子在家里都要穿棉衣，已经反映过多次，请尽快处理。");
		Map<String, Object> repeated = letterFrom(phone, "公交站台被拆除以后无处候车",
				"原来的公交站台被拆除以后一直没有恢复，乘客只能站在路边候车，下雨天尤其危险，请尽快恢复。");
		String earlierNumber = submit(client, earlier).get("trackingNumber");
		// Another transaction holds the tracking counter: a first letter's batch waits on
		// it, and the three below queue behind it, to be written as one batch.
		Sinks.Empty<Void> release = holdTrackingCounter();
		GroupCommit<?, ?> commit = this.submitLetter.groupCommit();
		List<Map<String, String>> answers = new CopyOnWriteArrayList<>();
		try {
			submitLater(client, letterFrom(phone + "1", "排在前面的另一封信", "这封信先到，它的批次在等待跟踪编号计数器，后面三封信排队组成下一批。"), answers)
				.subscribe();
			Awaitility.await().atMost(PATIENCE).until(() -> commit.pending() == 1);
			long batchesBefore = commit.commits();
			for (Map<String, Object> letter : List
				.of(letterFrom(phone + "2", "同一批里的普通来信", "和另外两封信同一批写入的一封普通来信，内容与别的信都不一样。"), repeated, repeated)) {
				int expected = commit.pending() + 1;
				submitLater(client, letter, answers).subscribe();
				Awaitility.await().atMost(PATIENCE).until(() -> commit.pending() == expected);
			}
			assertThat(commit.commits()).isEqualTo(batchesBefore);
		}
		finally {
			release.tryEmitEmpty();
		}
		Awaitility.await().atMost(PATIENCE).until(() -> answers.size() == 4);
		List<Map<String, String>> repeats = answers.stream()
			.filter((answer) -> answer.get("linkedTo") != null)
			.toList();
		assertThat(repeats).as("the second copy names the first, which came in the same batch").hasSize(1);
		String first = repeats.get(0).get("linkedTo");
		assertThat(answers).extracting((answer) -> answer.get("trackingNumber")).contains(first);
		Map<String, String> again = submit(client, earlier);
		assertThat(again.get("linkedTo")).as("a repeat of a letter committed before").isEqualTo(earlierNumber);
		Long linkedInDatabase = this.db.sql("""
				select count(*) from letter_screening s join letters l on l.id = s.letter_id
				join letters d on d.id = s.duplicate_of
				where l.tracking_number = :number and d.tracking_number = :first and s.same_sender""")
			.bind("number", repeats.get(0).get("trackingNumber"))
			.bind("first", first)
			.map((row) -> row.get(0, Long.class))
			.one()
			.block(PATIENCE);
		assertThat(linkedInDatabase).isEqualTo(1);
	}

	/**
	 * Characters of the letter's own: the test database outlives a run, and a text nearly
	 * the same as one from an earlier run, by another writer, would be the letter a
	 * repeat points at.
	 */
	private static String ownCharacters() {
		java.util.Random random = new java.util.Random();
		StringBuilder text = new StringBuilder("附：");
		for (int i = 0; i < 120; i++) {
			text.append((char) random.nextInt(0x4E00, 0x9FA6));
		}
		return text.toString();
	}

	private static Map<String, Object> letterFrom(String phone, String title, String body) {
		Map<String, Object> letter = Letters.complaint();
		letter.put("phone", phone);
		letter.put("email", null);
		letter.put("title", title);
		letter.put("body", body + ownCharacters());
		return letter;
	}

	private static Map<String, String> submit(WebClient client, Map<String, Object> letter) {
		return post(client, letter).block(PATIENCE);
	}

	private static Mono<Void> submitLater(WebClient client, Map<String, Object> letter,
			List<Map<String, String>> answers) {
		return post(client, letter).doOnNext(answers::add).then();
	}

	@SuppressWarnings("unchecked")
	private static Mono<Map<String, String>> post(WebClient client, Map<String, Object> letter) {
		return client.post()
			.uri("/api/v1/letters")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(letter)
			.retrieve()
			.bodyToMono(Map.class)
			.map((answer) -> (Map<String, String>) answer);
	}

	@Test
	void aBatchStoresEveryCharacterOfItsLettersExactly() {
		String title = "引号\"反斜杠\\和{花括号},NULL";
		String body = "第一行\n第二行\t\"引用\"\\ 结尾 NULL {} , '单引号' ; drop table letters; --";
		List<NewLetter> letters = List.of(letter(title, body, "13800138000", null),
				letter("普通标题", "普通正文内容足够长了。", null, "someone@example.cn"));
		List<RegisteredLetter> stored = this.registry.reserveTrackingNumbers(2)
			.flatMap((reserved) -> this.registry
				.registerAll(letters, reserved, java.util.Arrays.asList((DuplicateScreening) null, null))
				.as(this.transaction::transactional))
			.block(PATIENCE);
		List<List<String>> rows = this.db
			.sql("select title, body, writer_phone, writer_email from letters where id = any(:ids) order by id")
			.bind("ids", stored.stream().map(RegisteredLetter::id).toArray(Long[]::new))
			.map((row) -> java.util.Arrays.asList(row.get("title", String.class), row.get("body", String.class),
					row.get("writer_phone", String.class), row.get("writer_email", String.class)))
			.all()
			.collectList()
			.block(PATIENCE);
		assertThat(rows).containsExactly(java.util.Arrays.asList(title, body, "13800138000", null),
				java.util.Arrays.asList("普通标题", "普通正文内容足够长了。", null, "someone@example.cn"));
	}

	private static NewLetter letter(String title, String body, String phone, String email) {
		return new NewLetter("mayor", Nature.COMPLAINT, "environment", "xishan", title, body, "张三", phone, email, false,
				true, "api", "10.0.0.1", "zh-CN", new byte[32], LetterState.RECEIVED, null);
	}

	private static int count(String trackingNumber) {
		return Integer.parseInt(trackingNumber.substring(trackingNumber.lastIndexOf('-') + 1));
	}

	@ParameterizedTest(name = "one statement: {0}")
	@ValueSource(booleans = { false, true })
	void oneBadRowFailsAloneAndTheOthersCommit(boolean oneStatement) {
		this.db.sql("create table if not exists group_commit_probe (id int primary key)").then().block();
		this.db.sql("truncate group_commit_probe").then().block();
		this.db.sql("insert into group_commit_probe values (3)").then().block();
		Sinks.Empty<Void> release = Sinks.empty();
		GroupCommit<Integer, Integer> commit = groupCommit(
				new ProbeWriter("group_commit_probe", oneStatement, release, new CopyOnWriteArrayList<>()));
		commit.write(0).subscribe();
		Awaitility.await().atMost(PATIENCE).until(() -> commit.pending() == 1);
		List<Object> outcomes = new CopyOnWriteArrayList<>();
		for (int id : new int[] { 1, 2, 3, 4, 5 }) {
			commit.write(id).subscribe(outcomes::add, outcomes::add);
		}
		Awaitility.await().atMost(PATIENCE).until(() -> commit.pending() == 6);
		release.tryEmitEmpty();
		Awaitility.await().atMost(PATIENCE).until(() -> outcomes.size() == 5);
		assertThat(outcomes).filteredOn(DataIntegrityViolationException.class::isInstance).hasSize(1);
		assertThat(outcomes).filteredOn(Integer.class::isInstance).containsExactlyInAnyOrder(1, 2, 4, 5);
		assertThat(commit.retried()).isEqualTo(1);
		List<Integer> stored = this.db.sql("select id from group_commit_probe order by id")
			.map((row) -> row.get("id", Integer.class))
			.all()
			.collectList()
			.block();
		assertThat(stored).containsExactly(0, 1, 2, 3, 4, 5);
	}

	@Test
	void aBatchOfOneStatementRunsWithoutATransactionAndIsCommittedWhenAnswered() {
		this.db.sql("create table if not exists group_commit_lone (id int primary key)").then().block();
		this.db.sql("truncate group_commit_lone").then().block();
		Sinks.Empty<Void> release = Sinks.empty();
		List<Boolean> inTransaction = new CopyOnWriteArrayList<>();
		GroupCommit<Integer, Integer> commit = groupCommit(
				new ProbeWriter("group_commit_lone", true, release, inTransaction));
		// A lone first write (held) lets the next ones queue into one batch.
		commit.write(0).subscribe();
		Awaitility.await().atMost(PATIENCE).until(() -> commit.pending() == 1);
		List<Integer> answered = new CopyOnWriteArrayList<>();
		for (int id = 1; id <= 4; id++) {
			commit.write(id).subscribe(answered::add);
		}
		Awaitility.await().atMost(PATIENCE).until(() -> commit.pending() == 5);
		release.tryEmitEmpty();
		Awaitility.await().atMost(PATIENCE).until(() -> answered.size() == 4);
		// Read on another connection: what was answered is committed.
		Long stored = this.db.sql("select count(*) as n from group_commit_lone where id > 0")
			.map((row) -> row.get("n", Long.class))
			.one()
			.block(PATIENCE);
		assertThat(inTransaction).containsExactly(false);
		assertThat(stored).isEqualTo(4L);
		assertThat(commit.commits()).isEqualTo(2);
	}

	@Test
	void concurrentSubmissionsShareACommitAndAreAnsweredOnlyAfterIt() {
		GroupCommit<?, ?> commit = this.submitLetter.groupCommit();
		WebClient client = WebClient.create("http://127.0.0.1:" + this.port);
		// One submission first: Jackson builds its deserializer under a lock on first
		// use,
		// which BlockHound would report if two event loops raced for it.
		client.post()
			.uri("/api/v1/letters")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Letters.complaint())
			.retrieve()
			.toBodilessEntity()
			.block(PATIENCE);
		// Another transaction holds the tracking counter: the first batch waits on it
		// while the other submissions queue behind.
		Sinks.Empty<Void> release = holdTrackingCounter();
		long commitsBefore = commit.commits();
		List<Object> answers = new CopyOnWriteArrayList<>();
		Flux.range(0, 8)
			.flatMap((i) -> client.post()
				.uri("/api/v1/letters")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Letters.with("title", "同时提交的第" + i + "封信"))
				.exchangeToMono((response) -> response.toEntity(Map.class)))
			.subscribe(answers::add, answers::add);
		try {
			Awaitility.await().atMost(PATIENCE).until(() -> commit.pending() == 8 || !answers.isEmpty());
			assertThat(answers).isEmpty();
		}
		finally {
			release.tryEmitEmpty();
		}
		Awaitility.await().atMost(PATIENCE).until(() -> answers.size() == 8);
		// Two batches are written at a time: the 8 share at most 3 commits.
		assertThat(commit.commits() - commitsBefore).isBetween(1L, 3L);
		List<String> numbers = answers.stream().map((answer) -> {
			assertThat(answer).isInstanceOf(org.springframework.http.ResponseEntity.class);
			org.springframework.http.ResponseEntity<?> entity = (org.springframework.http.ResponseEntity<?>) answer;
			assertThat(entity.getStatusCode().value()).isEqualTo(201);
			return (String) ((Map<?, ?>) entity.getBody()).get("trackingNumber");
		}).toList();
		assertThat(numbers).doesNotHaveDuplicates();
		Long stored = this.db.sql("select count(*) from letters where tracking_number = any(:numbers)")
			.bind("numbers", numbers.toArray(String[]::new))
			.map((row) -> row.get(0, Long.class))
			.one()
			.block();
		assertThat(stored).isEqualTo(8);
	}

	/**
	 * Locks {@code tracking_counters} in another transaction until the answer is
	 * released: a batch reserving numbers waits, and what comes after it queues.
	 */
	private Sinks.Empty<Void> holdTrackingCounter() {
		Sinks.Empty<Void> release = Sinks.empty();
		AtomicBoolean locked = new AtomicBoolean();
		this.db.sql("lock table tracking_counters in exclusive mode")
			.then()
			.doOnSuccess((done) -> locked.set(true))
			.then(release.asMono())
			.as(this.transaction::transactional)
			.subscribe();
		Awaitility.await().atMost(PATIENCE).untilTrue(locked);
		return release;
	}

	/**
	 * Inserts ids into a probe table, a batch with one statement; holds the write of id 0
	 * until released, and notes for each batch whether it ran in a transaction.
	 */
	private final class ProbeWriter implements GroupCommit.Writer<Integer, Integer> {

		private final String table;

		private final boolean oneStatement;

		private final Sinks.Empty<Void> release;

		private final List<Boolean> inTransaction;

		ProbeWriter(String table, boolean oneStatement, Sinks.Empty<Void> release, List<Boolean> inTransaction) {
			this.table = table;
			this.oneStatement = oneStatement;
			this.release = release;
			this.inTransaction = inTransaction;
		}

		@Override
		public boolean oneStatement(List<Integer> ids) {
			return this.oneStatement;
		}

		@Override
		public Mono<List<Integer>> writeAll(List<Integer> ids) {
			String rows = ids.stream().map((id) -> "(" + id + ")").collect(Collectors.joining(", "));
			return hold(ids.get(0))
				.then(TransactionSynchronizationManager.forCurrentTransaction()
					.map(TransactionSynchronizationManager::isActualTransactionActive)
					.onErrorReturn(NoTransactionException.class, false)
					.doOnNext(this.inTransaction::add))
				.then(GroupCommitIntegrationTests.this.db.sql("insert into " + this.table + " values " + rows).then())
				.thenReturn(ids);
		}

		@Override
		public Mono<Integer> writeOne(Integer id) {
			return hold(id)
				.then(GroupCommitIntegrationTests.this.db.sql("insert into " + this.table + " values (:id)")
					.bind("id", id)
					.then())
				.thenReturn(id);
		}

		private Mono<Void> hold(int id) {
			return (id == 0) ? this.release.asMono() : Mono.empty();
		}

	}

	/** Writes each item (a statement to run) in turn, in the batch's transaction. */
	private static GroupCommit.Writer<Mono<String>, String> sequentialWriter() {
		return new GroupCommit.Writer<>() {

			@Override
			public Mono<List<String>> writeAll(List<Mono<String>> items) {
				return Flux.fromIterable(items).concatMap((item) -> item).collectList();
			}

			@Override
			public Mono<String> writeOne(Mono<String> item) {
				return item;
			}

		};
	}

	private <I, O> GroupCommit<I, O> groupCommit(GroupCommit.Writer<I, O> writer) {
		return groupCommit(writer, 1);
	}

	private <I, O> GroupCommit<I, O> groupCommit(GroupCommit.Writer<I, O> writer, int maxInFlight) {
		return groupCommit(writer, maxInFlight, new SimpleMeterRegistry());
	}

	private <I, O> GroupCommit<I, O> groupCommit(GroupCommit.Writer<I, O> writer, int maxInFlight,
			MeterRegistry meters) {
		return new GroupCommit<>(writer, this.transaction, this.db, true, 64, 256, Duration.ofMillis(1), maxInFlight,
				Schedulers.parallel(), meters);
	}

	private Mono<String> currentTransaction() {
		return this.db.sql("select pg_current_xact_id()::text as id").map((row) -> row.get("id", String.class)).one();
	}

}
