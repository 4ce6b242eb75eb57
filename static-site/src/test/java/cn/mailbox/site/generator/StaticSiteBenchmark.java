package cn.mailbox.site.generator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import cn.mailbox.publication.PublicRecord;
import cn.mailbox.site.pages.SitePages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Full build of 100,000 generated letters, then incremental updates (runs of a new letter
 * and a withdrawal deep in the lists; p50 and max of each, and of the combined dumps'
 * rewrite that follows each update). No real data: the records are made up, with letter
 * and reply texts of a realistic length. Writes under {@code target/site-benchmark}.
 * <p>
 * {@code ./mvnw -B -Pevaluate -pl static-site -am test -Dtest=StaticSiteBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * (letters: {@code -Dsite.benchmark.letters=N}, runs: {@code -Dsite.benchmark.runs=N}).
 */
class StaticSiteBenchmark {

	private static long median(List<Long> values) {
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}

	@Test
	void buildsOneHundredThousandLettersThenUpdatesIncrementally() throws Exception {
		int count = Integer.getInteger("site.benchmark.letters", 100_000);
		Path data = Path.of("target/site-benchmark");
		SiteFiles.deleteTree(data);
		Files.createDirectories(data);
		TestRecords archive = new TestRecords();
		Random random = new Random(1);
		String padding = "楼道灯坏了很久，晚上出行不便，希望尽快维修。".repeat(12);
		for (int i = 1; i <= count; i++) {
			PublicRecord r = TestRecords.record(i, random);
			archive.publish(new PublicRecord(r.trackingNumber(), r.mailbox(), r.nature(), r.field(), r.region(),
					r.units(), r.title(), (r.letter() != null) ? r.letter() + padding : null, r.reply() + padding,
					r.receivedAt(), r.acceptedAt(), r.assignedAt(), r.repliedAt(), r.publishedAt(), r.workingDays(),
					r.limitDays(), r.onTime(), r.reminders(), r.extensionDays()));
		}
		Scheduler scheduler = Schedulers.newBoundedElastic(1, 1000, "site-benchmark");
		try {
			SiteGenerator generator = new SiteGenerator(
					new SiteSettings(data.resolve("site"), null, null, ZoneId.of("Asia/Shanghai"), 50),
					SitePages.create(ZoneId.of("Asia/Shanghai")), archive, null, Clock.systemUTC(), scheduler);
			long start = System.nanoTime();
			SiteGenerator.Report full = generator.open(archive.position().block()).block(Duration.ofHours(1));
			double seconds = (System.nanoTime() - start) / 1e9;
			System.out.printf(
					"FULL BUILD: %d letters, %d files in %.1f s = %.0f files/s (%d letter pages; dumps %.1f s)%n",
					full.letters(), full.written(), seconds, full.written() / seconds, count,
					full.dumps().toMillis() / 1000.0);

			// Warm-up (JIT) of the incremental path, not counted.
			Random pick = new Random(3);
			for (int i = 0; i < 3; i++) {
				String number = String.format("SZ%06d", 1 + pick.nextInt(count));
				generator.apply(archive.withdraw(number), List.of(number)).block(Duration.ofMinutes(10));
				generator.settled().block(Duration.ofMinutes(10));
			}
			int runs = Integer.getInteger("site.benchmark.runs", 9);
			List<Long> publish = new ArrayList<>();
			List<Long> withdraw = new ArrayList<>();
			List<Long> combine = new ArrayList<>();
			long written = 0;
			long deleted = 0;
			for (int i = 1; i <= runs; i++) {
				PublicRecord newest = TestRecords.record(count + i, new Random(i));
				SiteGenerator.Report report = generator.apply(archive.publish(newest), List.of(newest.trackingNumber()))
					.block(Duration.ofMinutes(10));
				publish.add(report.took().toMillis());
				written += report.written();
				combine.add(generator.settled().block(Duration.ofMinutes(10)).toMillis());
				String middle = String.format("SZ%06d", count / 4 + pick.nextInt(count / 2));
				report = generator.apply(archive.withdraw(middle), List.of(middle)).block(Duration.ofMinutes(10));
				withdraw.add(report.took().toMillis());
				deleted += report.deleted();
				combine.add(generator.settled().block(Duration.ofMinutes(10)).toMillis());
				assertThat(Files.exists(data.resolve("site/letters/" + middle + ".html"))).isFalse();
			}
			System.out.printf(
					"INCREMENTAL PUBLISH (newest letter), %d runs: p50 %d ms, max %d ms (%.1f files written each)%n",
					runs, median(publish), Collections.max(publish), written / (double) runs);
			System.out.printf(
					"INCREMENTAL WITHDRAW (middle of the lists), %d runs: p50 %d ms, max %d ms (%.1f files deleted each)%n",
					runs, median(withdraw), Collections.max(withdraw), deleted / (double) runs);
			System.out.printf("COMBINED DUMPS (rewritten after each update, off its path): p50 %d ms, max %d ms%n",
					median(combine), Collections.max(combine));
			assertThat(LinkCheck.check(data.resolve("site"), null)).isEmpty();
		}
		finally {
			scheduler.dispose();
		}
	}

}
