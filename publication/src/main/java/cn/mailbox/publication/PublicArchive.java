package cn.mailbox.publication;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Objects;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Reads the public archive tables: the source of truth the search index and the static
 * site are derived from.
 */
public final class PublicArchive {

	private final DatabaseClient db;

	private final ZoneId zone;

	public PublicArchive(DatabaseClient db, ZoneId zone) {
		this.db = Objects.requireNonNull(db, "db");
		this.zone = Objects.requireNonNull(zone, "zone");
	}

	/**
	 * The published record with this number.
	 * @param trackingNumber the letter's number
	 * @return the record, or empty when it is not published
	 */
	public Mono<PublicRecord> find(String trackingNumber) {
		return this.db.sql("select " + PublicRecordRows.COLUMNS + " from public_letters where tracking_number = :n")
			.bind("n", trackingNumber)
			.map(PublicRecordRows::read)
			.one();
	}

	/**
	 * The published records among the given numbers, in no particular order: one query
	 * for a batch of log entries.
	 * @param trackingNumbers the numbers
	 * @return the records that are published
	 */
	public Flux<PublicRecord> findAll(Collection<String> trackingNumbers) {
		if (trackingNumbers.isEmpty()) {
			return Flux.empty();
		}
		return this.db
			.sql("select " + PublicRecordRows.COLUMNS + " from public_letters where tracking_number = any(:n)")
			.bind("n", trackingNumbers.toArray(String[]::new))
			.map(PublicRecordRows::read)
			.all();
	}

	/**
	 * Every published record, by tracking number: for rebuilding the index and rendering
	 * the static site. Streamed, never held in memory at once.
	 * @return the records
	 */
	public Flux<PublicRecord> all() {
		return this.db.sql("select " + PublicRecordRows.COLUMNS + " from public_letters order by tracking_number")
			.map(PublicRecordRows::read)
			.all();
	}

	/**
	 * The highest publication-log sequence written so far (0 for an empty log).
	 * @return the sequence
	 */
	public Mono<Long> logPosition() {
		return this.db.sql("select coalesce(max(id), 0) as position from publication_log")
			.map((row) -> row.get("position", Long.class))
			.one();
	}

	/**
	 * Published letters per unit and nature, received between the two days (inclusive, in
	 * the archive's time zone). A letter handled jointly counts for each of its units.
	 * @param from first day, or {@code null} for no lower bound
	 * @param to last day, or {@code null} for no upper bound
	 * @return one entry per unit and nature, by unit then nature
	 */
	public Flux<ArchiveStatistics> statistics(LocalDate from, LocalDate to) {
		LocalDate first = (from != null) ? from : LocalDate.of(1900, 1, 1);
		LocalDate last = (to != null) ? to : LocalDate.of(9999, 12, 30);
		return this.db.sql("""
				select coalesce(u.unit, '') as unit, p.nature,
				       count(*) as published,
				       count(*) filter (where p.on_time) as on_time,
				       percentile_cont(0.5) within group (order by p.working_days) as median
				from public_letters p
				left join lateral unnest(p.units) as u(unit) on true
				where p.received_at >= :from and p.received_at < :to
				group by 1, 2
				order by 1, 2""")
			.bind("from", first.atStartOfDay(this.zone).toInstant())
			.bind("to", last.plusDays(1).atStartOfDay(this.zone).toInstant())
			.map((row) -> statistics(row.get("unit", String.class), row.get("nature", String.class),
					row.get("published", Long.class), row.get("on_time", Long.class), row.get("median", Double.class)))
			.all();
	}

	private static ArchiveStatistics statistics(String unit, String nature, long published, long onTime,
			Double median) {
		double rate = (published == 0) ? 0 : (double) onTime / published;
		return new ArchiveStatistics(unit, nature, published, onTime, rate, (median != null) ? median : 0);
	}

}
