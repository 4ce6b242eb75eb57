package cn.mailbox.site.generator;

import java.util.Objects;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The publication log (outbox) as the site generator consumes it: entries in sequence
 * order, each naming a letter published or withdrawn. Publishers make ids visible in
 * increasing order, so "after my cursor" never skips an entry.
 */
public interface PublicationLog {

	/** The highest sequence written so far (0 for an empty log). */
	Mono<Long> position();

	/** Entries with {@code from < sequence <= to}, in order. */
	Flux<Change> between(long from, long to);

	/**
	 * One log entry.
	 *
	 * @param sequence the log id
	 * @param trackingNumber the letter
	 * @param withdrawn whether it withdrew the letter (else published it)
	 */
	record Change(long sequence, String trackingNumber, boolean withdrawn) {

	}

	static PublicationLog of(DatabaseClient db) {
		Objects.requireNonNull(db, "db");
		return new PublicationLog() {

			@Override
			public Mono<Long> position() {
				return db.sql("select coalesce(max(id), 0) as position from publication_log")
					.map((row) -> row.get("position", Long.class))
					.one();
			}

			@Override
			public Flux<Change> between(long from, long to) {
				return db
					.sql("select id, tracking_number, kind from publication_log where id > :f and id <= :t order by id")
					.bind("f", from)
					.bind("t", to)
					.map((row) -> new Change(row.get("id", Long.class), row.get("tracking_number", String.class),
							"withdraw".equals(row.get("kind", String.class))))
					.all();
			}

		};
	}

}
