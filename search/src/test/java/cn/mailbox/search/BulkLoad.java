package cn.mailbox.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;

/**
 * Builds a benchmark index of many records with several threads, turning each record into
 * Lucene fields exactly as the archive does ({@link ArchiveFields#toLucene} with the
 * archive's {@link BigramAnalysis}), but through one {@link IndexWriter} shared by all
 * threads instead of {@link ArchiveIndex#rebuild}.
 * <p>
 * Why not {@code rebuild}: it feeds one document at a time under the index's write lock
 * (right for the portal, which must keep serving searches and log changes meanwhile) and
 * replaces each record by tracking number, so a bulk load of a million fresh records runs
 * on one core and resolves a delete term per record at every flush. Here the folder is
 * created empty, so plain {@code addDocument} is equivalent; every thread generates its
 * own records (each from its own seed, so the index is the same whatever the thread
 * count), the RAM buffer is large, and the one commit is at the end. The commit carries
 * the same commit data as the archive's, so {@link ArchiveIndex#open(Path)} reopens the
 * result as a normal archive index.
 */
final class BulkLoad {

	private final int threads;

	private final double ramBufferMb;

	BulkLoad(int threads, double ramBufferMb) {
		this.threads = threads;
		this.ramBufferMb = ramBufferMb;
	}

	/**
	 * Creates the index in an empty folder from records {@code 0..count-1}.
	 * @param progress called with each multiple of 100,000 records indexed
	 */
	Result load(Path folder, int count, IntFunction<ArchiveDocument> records, IntProgress progress) {
		BigramAnalysis analysis = new BigramAnalysis();
		ArchiveFields fields = new ArchiveFields(analysis, ArchiveIndex.DEFAULT_ZONE);
		String epoch = UUID.randomUUID().toString();
		IndexWriterConfig config = new IndexWriterConfig(analysis.indexAnalyzer())
			.setOpenMode(IndexWriterConfig.OpenMode.CREATE)
			.setRAMBufferSizeMB(this.ramBufferMb)
			.setCommitOnClose(false);
		long cpu = processCpu();
		long start = System.nanoTime();
		try (FSDirectory directory = FSDirectory.open(folder);
				IndexWriter writer = new IndexWriter(directory, config)) {
			AtomicInteger next = new AtomicInteger();
			ExecutorService pool = Executors.newFixedThreadPool(this.threads);
			List<Future<?>> workers = new ArrayList<>();
			for (int t = 0; t < this.threads; t++) {
				workers.add(pool.submit(() -> {
					for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
						writer.addDocument(fields.toLucene(records.apply(n), epoch));
						if (n > 0 && n % 100_000 == 0) {
							progress.at(n, (System.nanoTime() - start) / 1e9);
						}
					}
					return null;
				}));
			}
			for (Future<?> worker : workers) {
				worker.get();
			}
			pool.shutdown();
			double indexedSeconds = (System.nanoTime() - start) / 1e9;
			// the keys ArchiveIndex keeps its resume point and epoch under
			writer.setLiveCommitData(java.util.Map.of("appliedSequence", "1", "epoch", epoch).entrySet());
			writer.commit();
			double seconds = (System.nanoTime() - start) / 1e9;
			return new Result(count, this.threads, seconds, indexedSeconds, (processCpu() - cpu) / 1e9);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("bulk load failed", ex);
		}
	}

	/** CPU time of the whole JVM (all threads, merges included), in nanoseconds. */
	static long processCpu() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	@FunctionalInterface
	interface IntProgress {

		void at(int records, double seconds);

	}

	/**
	 * @param records documents indexed
	 * @param threads indexing threads
	 * @param seconds wall time until the final commit returned
	 * @param indexedSeconds wall time until the last document was added
	 * @param cpuSeconds CPU of the whole JVM meanwhile (generation, indexing, flushes and
	 * merges)
	 */
	record Result(int records, int threads, double seconds, double indexedSeconds, double cpuSeconds) {

	}

}
