package cn.mailbox.search;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.lucene.index.DirectoryReader;

import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class PublicationLogTests {

	private static final ArchiveDocument FIRST = Letters.letter("L-1", "路灯不亮", "小区路灯坏了", "已修复");

	private static final ArchiveDocument EDITED = Letters.letter("L-1", "路灯不亮（已更正）", "小区路灯坏了", "已修复");

	@Test
	void ignoresAReplayedOrOlderSequence() throws IOException {
		try (ArchiveIndex index = ArchiveIndex.open(new ByteBuffersDirectory())) {
			assertThat(index.apply(new ArchiveChange.Upsert(1, FIRST))).isTrue();
			assertThat(index.apply(new ArchiveChange.Upsert(2, EDITED))).isTrue();
			assertThat(index.apply(new ArchiveChange.Upsert(1, FIRST))).isFalse();
			assertThat(index.apply(new ArchiveChange.Upsert(2, FIRST))).isFalse();
			index.refresh();
			assertThat(index.count()).isEqualTo(1);
			assertThat(index.find("L-1")).contains(EDITED);
			assertThat(index.appliedSequence()).isEqualTo(2);
		}
	}

	@Test
	void deletesAndIgnoresAReplayedUpsertAfterwards() throws IOException {
		try (ArchiveIndex index = ArchiveIndex.open(new ByteBuffersDirectory())) {
			index.apply(new ArchiveChange.Upsert(5, FIRST));
			assertThat(index.apply(new ArchiveChange.Delete(6, "L-1"))).isTrue();
			assertThat(index.apply(new ArchiveChange.Upsert(5, FIRST))).isFalse();
			assertThat(index.apply(new ArchiveChange.Delete(7, "never-published"))).isTrue();
			index.refresh();
			assertThat(index.count()).isZero();
			assertThat(index.search(ArchiveQuery.text("路灯", 10)).total()).isZero();
		}
	}

	@Test
	void appliedSequenceSurvivesReopening(@TempDir Path folder) throws IOException {
		try (ArchiveIndex index = ArchiveIndex.open(folder)) {
			index.apply(new ArchiveChange.Upsert(41, FIRST));
			index.apply(new ArchiveChange.Upsert(42, EDITED));
		}
		try (ArchiveIndex index = ArchiveIndex.open(folder)) {
			assertThat(index.appliedSequence()).isEqualTo(42);
			assertThat(index.find("L-1")).contains(EDITED);
			assertThat(index.apply(new ArchiveChange.Upsert(41, FIRST))).isFalse();
			assertThat(index.apply(new ArchiveChange.Delete(43, "L-1"))).isTrue();
		}
		try (ArchiveIndex index = ArchiveIndex.open(folder)) {
			assertThat(index.appliedSequence()).isEqualTo(43);
			assertThat(index.count()).isZero();
		}
	}

	@Test
	void rebuildReplacesTheArchiveAndSetsTheResumePoint() throws IOException {
		try (ArchiveIndex index = Letters.indexOf(Letters.sample())) {
			List<ArchiveDocument> snapshot = List.of(FIRST, Letters.sample().get(1));
			assertThat(index.rebuild(snapshot, 3)).isEqualTo(2);
			assertThat(index.appliedSequence()).isEqualTo(3);
			assertThat(index.count()).isEqualTo(2);
			assertThat(index.find("2023-0001")).isEmpty();
			assertThat(index.find("2023-0002")).isPresent();
			assertThat(index.search(ArchiveQuery.all(10)).facets().get("unit")).containsOnlyKeys("住建局", "交通局");
			assertThat(index.apply(new ArchiveChange.Upsert(4, EDITED))).isTrue();
		}
	}

	@Test
	void keepsEveryRecordWhenTheRebuildSourceFails() throws IOException {
		try (ArchiveIndex index = Letters.indexOf(Letters.sample())) {
			Iterable<ArchiveDocument> failing = () -> List.of(FIRST).stream().map((document) -> {
				throw new IllegalStateException("database gone");
			}).map(ArchiveDocument.class::cast).iterator();
			try {
				index.rebuild(failing, 9);
			}
			catch (IllegalStateException expected) {
				// the source failed
			}
			index.refresh();
			assertThat(index.count()).isEqualTo(5);
			assertThat(index.appliedSequence()).isEqualTo(5);
		}
	}

	@Test
	void commitsARebuildOnlyWhenItIsComplete() throws Exception {
		ArchiveDocument added = Letters.letter("L-2", "噪音扰民", "夜间施工", "已处理");
		CountDownLatch halfway = new CountDownLatch(1);
		CountDownLatch resume = new CountDownLatch(1);
		Iterable<ArchiveDocument> paused = () -> Stream.of(added, FIRST).map((document) -> {
			if (document == FIRST) {
				halfway.countDown();
				await(resume);
			}
			return document;
		}).iterator();
		try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
				ArchiveIndex index = ArchiveIndex.open(directory)) {
			index.apply(new ArchiveChange.Upsert(1, FIRST));
			index.commit();
			Thread rebuild = Thread.ofPlatform().start(() -> index.rebuild(paused, 2));
			assertThat(halfway.await(5, TimeUnit.SECONDS)).isTrue();
			Thread.sleep(3 * ArchiveIndex.COMMIT_MILLIS);
			try (DirectoryReader committed = DirectoryReader.open(directory)) {
				assertThat(committed.numDocs()).as("the half-done rebuild is not committed").isEqualTo(1);
			}
			resume.countDown();
			rebuild.join(5_000);
			try (DirectoryReader committed = DirectoryReader.open(directory)) {
				assertThat(committed.numDocs()).isEqualTo(2);
			}
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
