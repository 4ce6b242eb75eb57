package cn.mailbox.site.generator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import cn.mailbox.publication.PublicRecord;
import cn.mailbox.site.pages.SitePages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Full build of 100,000 generated letters, then incremental updates (a new letter, a
 * withdrawal deep in the lists). No real data: the records are made up, with letter and
 * reply texts of a realistic length. Writes under {@code target/site-benchmark}.
 * <p>
 * {@code ./mvnw -B -Pevaluate -pl static-site -am test -Dtest=StaticSiteBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * (letters: {@code -Dsite.benchmark.letters=N}).
 */
class StaticSiteBenchmark {

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

			PublicRecord newest = TestRecords.record(count + 1, new Random(2));
			long position = archive.publish(newest);
			SiteGenerator.Report publish = generator.apply(position, List.of(newest.trackingNumber()))
				.block(Duration.ofMinutes(10));
			System.out.printf("INCREMENTAL PUBLISH: %d files written, %d deleted in %d ms (of which dumps %d ms)%n",
					publish.written(), publish.deleted(), publish.took().toMillis(), publish.dumps().toMillis());

			String middle = String.format("SZ%06d", count / 2);
			position = archive.withdraw(middle);
			SiteGenerator.Report withdraw = generator.apply(position, List.of(middle)).block(Duration.ofMinutes(10));
			System.out.printf(
					"INCREMENTAL WITHDRAW (middle of the lists): %d files written, %d deleted in %d ms (of which dumps %d ms)%n",
					withdraw.written(), withdraw.deleted(), withdraw.took().toMillis(), withdraw.dumps().toMillis());
			assertThat(Files.exists(data.resolve("site/letters/" + middle + ".html"))).isFalse();
		}
		finally {
			scheduler.dispose();
		}
	}

}
