package cn.mailbox.portal.intake;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import cn.mailbox.portal.PortalIntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

@PortalIntegrationTest
class GroupCommitIntegrationTests {

	@Autowired
	GroupCommit groupCommit;

	@Autowired
	DatabaseClient db;

	@LocalServerPort
	int port;

	@Test
	void writesQueuedTogetherShareOneTransaction() {
		Sinks.Empty<Void> release = Sinks.empty();
		Mono<String> holding = this.groupCommit
			.write(() -> currentTransaction().flatMap((id) -> release.asMono().thenReturn(id)));
		List<String> answered = new CopyOnWriteArrayList<>();
		holding.subscribe();
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.groupCommit.queued() == 0);
		long commitsBefore = this.groupCommit.commits();
		List<Mono<String>> writes = IntStream.range(0, 6)
			.mapToObj((i) -> this.groupCommit.write(this::currentTransaction))
			.toList();
		Flux.merge(writes).subscribe(answered::add);
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.groupCommit.queued() == 6);
		release.tryEmitEmpty();
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> answered.size() == 6);
		assertThat(answered).containsOnly(answered.get(0));
		assertThat(this.groupCommit.commits() - commitsBefore).isEqualTo(2);
	}

	@Test
	void oneFailingWriteIsRolledBackAloneAndTheOthersCommit() {
		this.db.sql("create table if not exists group_commit_probe (id int primary key)").then().block();
		this.db.sql("truncate group_commit_probe").then().block();
		this.db.sql("insert into group_commit_probe values (3)").then().block();
		Sinks.Empty<Void> release = Sinks.empty();
		this.groupCommit.write(() -> release.asMono().then(Mono.just(0))).subscribe();
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.groupCommit.queued() == 0);
		List<Object> outcomes = new CopyOnWriteArrayList<>();
		for (int id : new int[] { 1, 2, 3, 4, 5 }) {
			this.groupCommit
				.write(() -> this.db.sql("insert into group_commit_probe values (:id)")
					.bind("id", id)
					.then()
					.thenReturn(id))
				.subscribe(outcomes::add, outcomes::add);
		}
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.groupCommit.queued() == 5);
		release.tryEmitEmpty();
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.size() == 5);
		assertThat(outcomes).filteredOn(DataIntegrityViolationException.class::isInstance).hasSize(1);
		assertThat(outcomes).filteredOn(Integer.class::isInstance).containsExactlyInAnyOrder(1, 2, 4, 5);
		List<Integer> stored = this.db.sql("select id from group_commit_probe order by id")
			.map((row) -> row.get("id", Integer.class))
			.all()
			.collectList()
			.block();
		assertThat(stored).containsExactly(1, 2, 3, 4, 5);
	}

	@Test
	void concurrentSubmissionsShareACommitAndAreAnsweredOnlyAfterIt() {
		Sinks.Empty<Void> release = Sinks.empty();
		this.groupCommit.write(() -> release.asMono().then(Mono.just(0))).subscribe();
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.groupCommit.queued() == 0);
		long commitsBefore = this.groupCommit.commits();
		WebClient client = WebClient.create("http://127.0.0.1:" + this.port);
		List<Map<?, ?>> answers = new CopyOnWriteArrayList<>();
		Flux.range(0, 8)
			.flatMap((i) -> client.post()
				.uri("/api/v1/letters")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Letters.with("title", "并发提交的第" + i + "封信"))
				.retrieve()
				.toEntity(Map.class))
			.subscribe((entity) -> {
				assertThat(entity.getStatusCode().value()).isEqualTo(201);
				answers.add(entity.getBody());
			});
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> this.groupCommit.queued() == 8);
		assertThat(answers).isEmpty();
		release.tryEmitEmpty();
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> answers.size() == 8);
		assertThat(this.groupCommit.commits() - commitsBefore).isEqualTo(2);
		List<String> numbers = answers.stream().map((answer) -> (String) answer.get("trackingNumber")).toList();
		Long stored = this.db.sql("select count(*) from letters where tracking_number = any(:numbers)")
			.bind("numbers", numbers.toArray(String[]::new))
			.map((row) -> row.get(0, Long.class))
			.one()
			.block();
		assertThat(stored).isEqualTo(8);
	}

	private Mono<String> currentTransaction() {
		return this.db.sql("select pg_current_xact_id()::text as id").map((row) -> row.get("id", String.class)).one();
	}

}
