package cn.mailbox.portal.intake;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import cn.mailbox.portal.PortalIntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
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
	TransactionalOperator transaction;

	@LocalServerPort
	int port;

	@Test
	void writesQueuedTogetherShareOneTransaction() {
		GroupCommit<Mono<String>, String> commit = groupCommit(new GroupCommit.Writer<>() {

			@Override
			public Mono<List<String>> writeAll(List<Mono<String>> items) {
				return Flux.fromIterable(items).concatMap((item) -> item).collectList();
			}

			@Override
			public Mono<String> writeOne(Mono<String> item) {
				return item;
			}

		});
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

	@Test
	void oneBadRowFailsAloneAndTheOthersCommit() {
		this.db.sql("create table if not exists group_commit_probe (id int primary key)").then().block();
		this.db.sql("truncate group_commit_probe").then().block();
		this.db.sql("insert into group_commit_probe values (3)").then().block();
		Sinks.Empty<Void> release = Sinks.empty();
		GroupCommit<Integer, Integer> commit = groupCommit(new GroupCommit.Writer<>() {

			@Override
			public Mono<List<Integer>> writeAll(List<Integer> ids) {
				String rows = ids.stream().map((id) -> "(" + id + ")").collect(Collectors.joining(", "));
				return this.hold(ids.get(0))
					.then(GroupCommitIntegrationTests.this.db.sql("insert into group_commit_probe values " + rows)
						.then())
					.thenReturn(ids);
			}

			@Override
			public Mono<Integer> writeOne(Integer id) {
				return this.hold(id)
					.then(GroupCommitIntegrationTests.this.db.sql("insert into group_commit_probe values (:id)")
						.bind("id", id)
						.then())
					.thenReturn(id);
			}

			private Mono<Void> hold(int id) {
				return (id == 0) ? release.asMono() : Mono.empty();
			}

		});
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
		Sinks.Empty<Void> release = Sinks.empty();
		AtomicBoolean locked = new AtomicBoolean();
		this.db.sql("lock table tracking_counters in exclusive mode")
			.then()
			.doOnSuccess((done) -> locked.set(true))
			.then(release.asMono())
			.as(this.transaction::transactional)
			.subscribe();
		Awaitility.await().atMost(PATIENCE).untilTrue(locked);
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
		assertThat(commit.commits() - commitsBefore).isBetween(1L, 2L);
		List<String> numbers = answers.stream().map((answer) -> {
			assertThat(answer).isInstanceOf(org.springframework.http.ResponseEntity.class);
			org.springframework.http.ResponseEntity<?> entity = (org.springframework.http.ResponseEntity<?>) answer;
			assertThat(entity.getStatusCode().value()).isEqualTo(201);
			return (String) ((Map<?, ?>) entity.getBody()).get("trackingNumber");
		}).toList();
		Long stored = this.db.sql("select count(*) from letters where tracking_number = any(:numbers)")
			.bind("numbers", numbers.toArray(String[]::new))
			.map((row) -> row.get(0, Long.class))
			.one()
			.block();
		assertThat(stored).isEqualTo(8);
	}

	private <I, O> GroupCommit<I, O> groupCommit(GroupCommit.Writer<I, O> writer) {
		return new GroupCommit<>(writer, this.transaction, this.db, true, 64, 256, Duration.ofMillis(1),
				Schedulers.parallel());
	}

	private Mono<String> currentTransaction() {
		return this.db.sql("select pg_current_xact_id()::text as id").map((row) -> row.get("id", String.class)).one();
	}

}
