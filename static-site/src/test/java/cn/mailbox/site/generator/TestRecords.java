package cn.mailbox.site.generator;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import cn.mailbox.publication.PublicRecord;

/**
 * Public records made up for tests, and an in-memory archive with its log that stands in
 * for PostgreSQL.
 */
final class TestRecords implements PublicRecords, PublicationLog {

	static final List<String> UNITS = List.of("water", "urban", "traffic", "市住房和城乡建设局", "education", "health");

	static final List<String> NATURES = List.of("complaint", "consultation", "suggestion", "help", "report");

	private final ConcurrentSkipListMap<String, PublicRecord> records = new ConcurrentSkipListMap<>();

	private final ConcurrentSkipListMap<Long, Change> log = new ConcurrentSkipListMap<>();

	private final AtomicLong sequence = new AtomicLong();

	static PublicRecord record(int i, Random random) {
		Instant received = Instant.parse("2022-01-03T01:00:00Z").plus(Duration.ofHours(7L * i + random.nextInt(5)));
		int limit = (i % 5 == 0) ? 5 : 15;
		int days = random.nextInt(limit + 5);
		List<String> units = (i % 17 == 0) ? List.of()
				: (i % 11 == 0) ? List.of(UNITS.get(i % UNITS.size()), UNITS.get((i + 1) % UNITS.size()))
						: List.of(UNITS.get(i % UNITS.size()));
		String title = (i % 23 == 0) ? "<script>alert('x')</script>停车难 " + i : "关于小区第" + i + "号楼的问题";
		String letter = (i % 13 == 0) ? null : "我们小区" + i + "号楼楼道灯坏了很久，\n晚上出行不便，希望尽快维修。& < > \" '";
		return new PublicRecord(String.format("SZ%06d", i), "mayor", NATURES.get(i % NATURES.size()), "other", "xishan",
				units, title, letter, "已安排维修，感谢来信。编号" + i, received, received.plusSeconds(3600),
				units.isEmpty() ? null : received.plusSeconds(7200), received.plus(Duration.ofDays(days + 2)),
				received.plus(Duration.ofDays(days + 3)), days, limit, days <= limit, i % 7 == 0 ? 1 : 0,
				i % 19 == 0 ? 5 : 0);
	}

	static TestRecords of(int count) {
		TestRecords archive = new TestRecords();
		Random random = new Random(42);
		for (int i = 1; i <= count; i++) {
			archive.publish(record(i, random));
		}
		return archive;
	}

	long publish(PublicRecord record) {
		this.records.put(record.trackingNumber(), record);
		long id = this.sequence.incrementAndGet();
		this.log.put(id, new Change(id, record.trackingNumber(), false));
		return id;
	}

	long withdraw(String trackingNumber) {
		this.records.remove(trackingNumber);
		long id = this.sequence.incrementAndGet();
		this.log.put(id, new Change(id, trackingNumber, true));
		return id;
	}

	Collection<PublicRecord> values() {
		return this.records.values();
	}

	@Override
	public Flux<PublicRecord> all() {
		return Flux.fromIterable(List.copyOf(this.records.values()));
	}

	@Override
	public Flux<PublicRecord> findAll(Collection<String> trackingNumbers) {
		return Flux.fromIterable(trackingNumbers).mapNotNull(this.records::get);
	}

	@Override
	public Mono<Long> position() {
		return Mono.just(this.sequence.get());
	}

	@Override
	public Flux<Change> between(long from, long to) {
		return Flux.fromIterable(List.copyOf(this.log.subMap(from, false, to, true).values()));
	}

}
