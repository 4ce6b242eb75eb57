package cn.mailbox.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class ReactiveArchiveTests {

	private static List<ArchiveDocument> many(int n) {
		List<ArchiveDocument> documents = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			documents.add(Letters.letter("R-%04d".formatted(i), "垃圾清运不及时" + i, "小区垃圾堆积", null, "2024-01-01T08:00:00",
					"complaint", true, "城管局"));
		}
		return documents;
	}

	@Test
	void runsLuceneOffTheCallersThread() throws IOException {
		try (ArchiveIndex index = Letters.indexOf(Letters.sample());
				ReactiveArchive archive = ReactiveArchive.create(index)) {
			String caller = Thread.currentThread().getName();
			StepVerifier
				.create(Mono.defer(() -> archive.search(ArchiveQuery.text("物业", 10)))
					.map((page) -> Thread.currentThread().getName() + "|" + page.total()))
				.assertNext((result) -> {
					assertThat(result).startsWith("archive-search").endsWith("|1");
					assertThat(result).doesNotStartWith(caller);
				})
				.verifyComplete();
		}
	}

	@Test
	void appliesChangesAndReportsReplays() throws IOException {
		try (ArchiveIndex index = ArchiveIndex.open(new ByteBuffersDirectory());
				ReactiveArchive archive = ReactiveArchive.create(index)) {
			ArchiveDocument letter = Letters.sample().getFirst();
			StepVerifier
				.create(archive.upsert(1, letter)
					.concatWith(archive.upsert(1, letter))
					.concatWith(archive.delete(2, letter.trackingNumber())))
				.expectNext(true, false, true)
				.verifyComplete();
			StepVerifier.create(archive.appliedSequence()).expectNext(2L).verifyComplete();
			StepVerifier.create(archive.refresh().then(archive.find(letter.trackingNumber()))).verifyComplete();
		}
	}

	@Test
	void exportsEveryMatchAcrossInternalPages() throws IOException {
		try (ArchiveIndex index = Letters.indexOf(many(250)); ReactiveArchive archive = ReactiveArchive.create(index)) {
			ArchiveQuery query = new ArchiveQuery("垃圾", Map.of("unit", List.of("城管局")), null, null, null,
					ArchiveSort.OLDEST, 0, 10, null, true);
			StepVerifier.create(archive.export(query).map(ArchiveDocument::trackingNumber).collectList())
				.assertNext((numbers) -> assertThat(numbers).hasSize(250).doesNotHaveDuplicates().isSorted())
				.verifyComplete();
		}
	}

	@Test
	void rebuildsFromAFluxOfRecords() throws IOException {
		try (ArchiveIndex index = Letters.indexOf(Letters.sample());
				ReactiveArchive archive = ReactiveArchive.create(index)) {
			StepVerifier.create(archive.rebuild(Flux.fromIterable(many(120)), 77)).expectNext(120L).verifyComplete();
			assertThat(index.count()).isEqualTo(120);
			assertThat(index.appliedSequence()).isEqualTo(77);
			StepVerifier.create(archive.find("2023-0001")).verifyComplete();
		}
	}

}
