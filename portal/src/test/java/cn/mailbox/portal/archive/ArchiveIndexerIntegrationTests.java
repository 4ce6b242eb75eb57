package cn.mailbox.portal.archive;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import cn.mailbox.portal.PortalIntegrationTest;
import cn.mailbox.publication.PublicArchive;
import cn.mailbox.publication.PublicRecord;
import cn.mailbox.publication.Publisher;
import cn.mailbox.publication.indexing.ArchiveIndexer;
import cn.mailbox.search.ArchiveIndex;
import cn.mailbox.search.ReactiveArchive;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The indexer against the real publication log, on its own index folder: it resumes after
 * a restart from the sequence committed with the index, and wakes on NOTIFY.
 */
@PortalIntegrationTest
class ArchiveIndexerIntegrationTests {

	static final Duration WAIT = Duration.ofSeconds(20);

	@Autowired
	DatabaseClient db;

	@Autowired
	Publisher publisher;

	@Autowired
	PublicArchive publicArchive;

	@Autowired
	ConnectionFactory connections;

	@TempDir
	Path folder;

	@Test
	void resumesFromTheCommittedSequenceAfterARestart() throws Exception {
		long first = this.publisher.publish(record("TR2020-000001", "第一封重启测试")).block(WAIT);
		long applied;
		try (ArchiveIndex index = ArchiveIndex.open(this.folder);
				ReactiveArchive archive = ReactiveArchive.create(index);
				ArchiveIndexer indexer = new ArchiveIndexer(archive, this.db, this.publicArchive, null,
						Duration.ofMillis(200))) {
			indexer.start();
			indexer.awaitIndexed(first).block(WAIT);
			assertThat(index.find("TR2020-000001")).isPresent();
			applied = index.appliedSequence();
			assertThat(applied).isGreaterThanOrEqualTo(first);
		}
		long second = this.publisher.publish(record("TR2020-000002", "第二封重启测试")).block(WAIT);
		long withdrawn = this.publisher.withdraw("TR2020-000001").block(WAIT);
		assertThat(withdrawn).isGreaterThan(second);
		try (ArchiveIndex index = ArchiveIndex.open(this.folder);
				ReactiveArchive archive = ReactiveArchive.create(index);
				ArchiveIndexer indexer = new ArchiveIndexer(archive, this.db, this.publicArchive, null,
						Duration.ofMillis(200))) {
			assertThat(index.appliedSequence()).isEqualTo(applied);
			assertThat(index.find("TR2020-000001")).isPresent();
			indexer.start();
			indexer.awaitIndexed(withdrawn).block(WAIT);
			assertThat(index.find("TR2020-000002")).isPresent();
			assertThat(index.find("TR2020-000001")).isEmpty();
		}
	}

	@Test
	void wakesOnTheLogNotificationWithoutPolling() throws Exception {
		long before = this.publicArchive.logPosition().block(WAIT);
		try (ArchiveIndex index = ArchiveIndex.open(this.folder);
				ReactiveArchive archive = ReactiveArchive.create(index);
				ArchiveIndexer indexer = new ArchiveIndexer(archive, this.db, this.publicArchive, this.connections,
						Duration.ofHours(1))) {
			indexer.start();
			indexer.awaitIndexed(before).block(WAIT);
			Thread.sleep(500);
			this.publisher.publish(record("TR2020-000003", "通知唤醒测试")).block(WAIT);
			Instant deadline = Instant.now().plus(WAIT);
			while (index.find("TR2020-000003").isEmpty() && Instant.now().isBefore(deadline)) {
				Thread.sleep(50);
			}
			assertThat(index.find("TR2020-000003")).isPresent();
		}
	}

	@Test
	void rebuildsTheIndexFromThePublicTable() throws Exception {
		this.publisher.publish(record("TR2020-000004", "重建测试")).block(WAIT);
		long rows = this.db.sql("select count(*) as n from public_letters")
			.map((row) -> row.get("n", Long.class))
			.one()
			.block(WAIT);
		try (ArchiveIndex index = ArchiveIndex.open(this.folder);
				ReactiveArchive archive = ReactiveArchive.create(index);
				ArchiveIndexer indexer = new ArchiveIndexer(archive, this.db, this.publicArchive, null,
						Duration.ofHours(1))) {
			indexer.start();
			long count = indexer.rebuild().block(WAIT);
			assertThat(count).isGreaterThanOrEqualTo(rows);
			assertThat(index.find("TR2020-000004")).isPresent();
			assertThat(index.appliedSequence()).isEqualTo(this.publicArchive.logPosition().block(WAIT));
		}
	}

	private static PublicRecord record(String number, String title) {
		Instant received = Instant.parse("2020-07-01T01:00:00Z");
		return new PublicRecord(number, "mayor", "consultation", null, null, List.of("civil"), title, "信件正文", "答复正文",
				received, null, null, received.plusSeconds(86_400), Instant.now(), 1, 3, true, 0, 0);
	}

}
