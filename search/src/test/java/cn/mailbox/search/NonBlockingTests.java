package cn.mailbox.search;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Callers on non-blocking (event-loop) threads never block: BlockHound would fail them.
 */
class NonBlockingTests {

	@BeforeAll
	static void installBlockHound() {
		BlockHound.install();
	}

	@Test
	void blockHoundCatchesBlockingOnANonBlockingThread() {
		StepVerifier.create(Mono.fromCallable(() -> {
			Thread.sleep(1);
			return 1;
		}).subscribeOn(Schedulers.parallel())).verifyError(BlockingOperationError.class);
	}

	@Test
	void everyFacadeCallIsSafeFromANonBlockingThread(@TempDir Path folder) throws IOException {
		try (ArchiveIndex index = ArchiveIndex.open(folder); ReactiveArchive archive = ReactiveArchive.create(index)) {
			Mono<Long> calls = archive.rebuild(Flux.fromIterable(Letters.sample()), 1)
				.then(archive.upsert(2, Letters.letter("B-1", "井盖缺失", "人行道井盖缺失", null)))
				.then(archive.refresh())
				.then(archive.search(ArchiveQuery.text("井盖 OR 物业", 10)))
				.flatMap((page) -> archive.export(ArchiveQuery.all(10)).count().map((count) -> count + page.total()))
				.flatMap((count) -> archive.find("B-1").thenReturn(count));
			StepVerifier.create(calls.subscribeOn(Schedulers.parallel())).expectNext(8L).verifyComplete();
		}
	}

}
