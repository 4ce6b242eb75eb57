package cn.mailbox.moderation.letter;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Hands out "one item, one number" tracking numbers ({@code SZ20261122-00042}): the
 * prefix, the day the letter arrived in the deployment's zone, and that day's running
 * count. A whole block can be reserved in one statement, so a batch of submissions costs
 * one round trip.
 */
class TrackingNumbers {

	private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

	/** Moves the day's counter on by {@code :count}, answering its new last value. */
	private static final String COUNT_UP = """
			insert into tracking_counters (day, last_value) values (:day, :count)
			on conflict (day) do update set last_value = tracking_counters.last_value + :count
			returning last_value""";

	private final DatabaseClient db;

	private final LetterSettings settings;

	private final Clock clock;

	TrackingNumbers(DatabaseClient db, LetterSettings settings, Clock clock) {
		this.db = db;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Reserves {@code count} consecutive numbers for today; must run inside the caller's
	 * transaction.
	 */
	Mono<List<String>> reserve(int count) {
		LocalDate today = LocalDate.now(this.clock.withZone(this.settings.zone()));
		return this.db.sql(COUNT_UP)
			.bind("day", today)
			.bind("count", count)
			.map((row) -> row.get("last_value", Integer.class))
			.one()
			.map((last) -> format(today, last - count + 1, count));
	}

	/**
	 * {@link #reserve} in a statement that is its own transaction, with as many ids of
	 * the letters table, committed without waiting for the log flush: a number can only
	 * reach a letter whose own commit waits for that flush, and the log is flushed in
	 * order, so a crash cannot hand out again a number that a stored letter holds; it can
	 * only leave unused numbers unused.
	 */
	Mono<ReservedNumbers> reserveOnItsOwn(int count, Instant at) {
		LocalDate day = LocalDate.ofInstant(at, this.settings.zone());
		// set_config in the outer select runs before the statement's own commit, which
		// is when the setting is read.
		return this.db
			.sql("with counter as (" + COUNT_UP
					+ """
							)
							select set_config('synchronous_commit', 'off', true), last_value,
							    array(select nextval(pg_get_serial_sequence('letters', 'id')) from generate_series(1, :count)) as ids
							from counter""")
			.bind("day", day)
			.bind("count", count)
			.map((row) -> new ReservedNumbers(format(day, row.get("last_value", Integer.class) - count + 1, count),
					List.of(row.get("ids", Long[].class)), at))
			.one();
	}

	private List<String> format(LocalDate day, int first, int count) {
		List<String> numbers = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			numbers.add("%s%s-%05d".formatted(this.settings.trackingPrefix(), DAY.format(day), first + i));
		}
		return numbers;
	}

}
