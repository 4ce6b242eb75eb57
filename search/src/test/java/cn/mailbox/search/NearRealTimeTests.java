package cn.mailbox.search;

import java.io.IOException;
import java.time.Duration;

import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NearRealTimeTests {

	@Test
	void publishedRecordIsSearchableWithinASecondWithoutExplicitRefresh() throws Exception {
		try (ArchiveIndex index = ArchiveIndex.open(new ByteBuffersDirectory())) {
			index.apply(new ArchiveChange.Upsert(1, Letters.letter("N-1", "井盖缺失", "人行道井盖缺失很危险", null)));
			long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
			long found = 0;
			while (found == 0 && System.nanoTime() < deadline) {
				found = index.search(ArchiveQuery.text("井盖", 10)).total();
				Thread.sleep(10);
			}
			assertThat(found).isEqualTo(1);
			index.apply(new ArchiveChange.Delete(2, "N-1"));
			deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
			while (found == 1 && System.nanoTime() < deadline) {
				found = index.search(ArchiveQuery.text("井盖", 10)).total();
				Thread.sleep(10);
			}
			assertThat(found).isZero();
		}
	}

}
