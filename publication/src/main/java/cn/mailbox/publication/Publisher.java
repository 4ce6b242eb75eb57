package cn.mailbox.publication;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Publishes and withdraws public records: writes the public row and appends an entry to
 * the publication log (the outbox read by the search indexer and the static site) in one
 * transaction.
 * <p>
 * Both methods join the caller's R2DBC transaction when there is one, so the moderation
 * module can publish in the same transaction that records its own state change; without
 * one they run in their own. Log entries are appended under a transaction-scoped advisory
 * lock: publishers are serialised until commit, so log ids become visible in increasing
 * order and a consumer that resumes "after the highest id seen" never skips one.
 *
 * <pre>{@code
 * transactionalOperator.transactional(
 *     recordEvent(letter).then(publisher.publish(publicRecord)));   // Mono<Long>: log sequence
 * }</pre>
 */
public final class Publisher {

	/** The advisory lock key that orders the publication log. */
	static final long LOG_LOCK = 0x7075626c6f67L;

	private static final String ON_CONFLICT = """

			on conflict (tracking_number) do update set mailbox = excluded.mailbox, nature = excluded.nature,
			field = excluded.field, region = excluded.region, units = excluded.units, title = excluded.title,
			letter = excluded.letter, reply = excluded.reply, received_at = excluded.received_at,
			accepted_at = excluded.accepted_at, assigned_at = excluded.assigned_at,
			replied_at = excluded.replied_at, published_at = excluded.published_at,
			working_days = excluded.working_days, limit_days = excluded.limit_days, on_time = excluded.on_time,
			reminders = excluded.reminders, extension_days = excluded.extension_days
			""";

	/**
	 * Separates unit codes in the batch statement's text column (ASCII unit separator).
	 */
	private static final String UNIT_SEPARATOR = "\u001f";

	private final DatabaseClient db;

	private final TransactionalOperator transactions;

	private final Clock clock;

	public Publisher(DatabaseClient db, TransactionalOperator transactions, Clock clock) {
		this.db = Objects.requireNonNull(db, "db");
		this.transactions = Objects.requireNonNull(transactions, "transactions");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * Publishes the record, or replaces its published version.
	 * @param record the public record
	 * @return the publication-log sequence of this change
	 */
	public Mono<Long> publish(PublicRecord record) {
		Objects.requireNonNull(record, "record");
		return this.transactions.transactional(upsertAndAppend(record));
	}

	/**
	 * Publishes many records with one statement (an archive import): the same as
	 * {@link #publish} for each, in one round trip. Fails as a whole if any record is
	 * refused by the database (a number given twice among them, for one).
	 * @param records the public records
	 * @return the highest publication-log sequence of these changes, or empty for none
	 */
	public Mono<Long> publishAll(List<PublicRecord> records) {
		if (records.isEmpty()) {
			return Mono.empty();
		}
		List<PublicRecord> all = List.copyOf(records);
		GenericExecuteSpec spec = this.db.sql("""
				with log_lock as (select pg_advisory_xact_lock(:key)),
				input as (select * from unnest(:numbers::text[], :mailboxes::text[], :natures::text[], :fields::text[],
				  :regions::text[], :units::text[], :titles::text[], :letters::text[], :replies::text[],
				  :received::text[], :accepted::text[], :assigned::text[], :replied::text[], :published::text[],
				  :working::text[], :limits::text[], :onTime::text[], :reminders::text[], :extensions::text[])
				  as i(tracking_number, mailbox, nature, field, region, units, title, letter, reply, received_at,
				  accepted_at, assigned_at, replied_at, published_at, working_days, limit_days, on_time, reminders,
				  extension_days)),
				upserted as (insert into public_letters (""" + PublicRecordRows.COLUMNS + """
				) select i.tracking_number, i.mailbox, i.nature, i.field, i.region,
				  string_to_array(i.units, chr(31)), i.title, i.letter, i.reply, i.received_at::timestamptz,
				  i.accepted_at::timestamptz, i.assigned_at::timestamptz, i.replied_at::timestamptz,
				  i.published_at::timestamptz, i.working_days::integer, i.limit_days::integer, i.on_time::boolean,
				  i.reminders::integer, i.extension_days::integer
				from input i, log_lock""" + ON_CONFLICT + """
				returning tracking_number)
				insert into publication_log (tracking_number, kind, at)
				select tracking_number, 'publish', :at from upserted returning id""")
			.bind("key", LOG_LOCK)
			.bind("at", this.clock.instant())
			.bind("numbers", column(all, PublicRecord::trackingNumber))
			.bind("mailboxes", column(all, PublicRecord::mailbox))
			.bind("natures", column(all, PublicRecord::nature))
			.bind("fields", column(all, PublicRecord::field))
			.bind("regions", column(all, PublicRecord::region))
			.bind("units", column(all, (r) -> String.join(UNIT_SEPARATOR, r.units())))
			.bind("titles", column(all, PublicRecord::title))
			.bind("letters", column(all, PublicRecord::letter))
			.bind("replies", column(all, PublicRecord::reply))
			.bind("received", column(all, PublicRecord::receivedAt))
			.bind("accepted", column(all, PublicRecord::acceptedAt))
			.bind("assigned", column(all, PublicRecord::assignedAt))
			.bind("replied", column(all, PublicRecord::repliedAt))
			.bind("published", column(all, PublicRecord::publishedAt))
			.bind("working", column(all, PublicRecord::workingDays))
			.bind("limits", column(all, PublicRecord::limitDays))
			.bind("onTime", column(all, PublicRecord::onTime))
			.bind("reminders", column(all, PublicRecord::reminders))
			.bind("extensions", column(all, PublicRecord::extensionDays));
		return this.transactions.transactional(spec.map((row) -> row.get("id", Long.class)).all().reduce(Math::max));
	}

	private static String[] column(List<PublicRecord> records, Function<PublicRecord, Object> value) {
		return records.stream().map(value).map((v) -> (v != null) ? v.toString() : null).toArray(String[]::new);
	}

	/**
	 * Removes a record from the public archive. Withdrawing a number that is not
	 * published still logs the withdrawal, so every consumer is sure to forget it.
	 * @param trackingNumber the letter's number
	 * @return the publication-log sequence of this change
	 */
	public Mono<Long> withdraw(String trackingNumber) {
		if (trackingNumber == null || trackingNumber.isBlank()) {
			return Mono.error(new IllegalArgumentException("trackingNumber must not be blank"));
		}
		String number = trackingNumber.strip();
		Mono<Long> delete = this.db.sql("delete from public_letters where tracking_number = :n")
			.bind("n", number)
			.fetch()
			.rowsUpdated();
		return this.transactions.transactional(lockLog().then(delete).then(append(number, "withdraw")));
	}

	private Mono<Void> lockLog() {
		return this.db.sql("select pg_advisory_xact_lock(:key)").bind("key", LOG_LOCK).fetch().rowsUpdated().then();
	}

	/**
	 * One statement, one round trip: take the log lock, upsert the row, append the log
	 * entry. The CTEs read each other, so the lock is held before the log id is drawn.
	 */
	private Mono<Long> upsertAndAppend(PublicRecord record) {
		GenericExecuteSpec spec = this.db
			.sql("with log_lock as (select pg_advisory_xact_lock(:key)), " + "upserted as (insert into public_letters ("
					+ PublicRecordRows.COLUMNS
					+ """
							) select :trackingNumber, :mailbox, :nature, :field, :region, :units, :title, :letter, :reply,
							:receivedAt, :acceptedAt, :assignedAt, :repliedAt, :publishedAt, :workingDays, :limitDays, :onTime,
							:reminders, :extensionDays from log_lock
							"""
					+ ON_CONFLICT + """
							returning tracking_number)
							insert into publication_log (tracking_number, kind, at)
							select tracking_number, 'publish', :at from upserted returning id""")
			.bind("key", LOG_LOCK)
			.bind("at", this.clock.instant())
			.bind("trackingNumber", record.trackingNumber())
			.bind("mailbox", record.mailbox())
			.bind("nature", record.nature())
			.bind("units", record.units().toArray(String[]::new))
			.bind("title", record.title())
			.bind("receivedAt", record.receivedAt())
			.bind("publishedAt", record.publishedAt())
			.bind("workingDays", record.workingDays())
			.bind("limitDays", record.limitDays())
			.bind("onTime", record.onTime())
			.bind("reminders", record.reminders())
			.bind("extensionDays", record.extensionDays());
		spec = nullable(spec, "field", record.field(), String.class);
		spec = nullable(spec, "region", record.region(), String.class);
		spec = nullable(spec, "letter", record.letter(), String.class);
		spec = nullable(spec, "reply", record.reply(), String.class);
		spec = nullable(spec, "acceptedAt", record.acceptedAt(), java.time.Instant.class);
		spec = nullable(spec, "assignedAt", record.assignedAt(), java.time.Instant.class);
		spec = nullable(spec, "repliedAt", record.repliedAt(), java.time.Instant.class);
		return spec.map((row) -> row.get("id", Long.class)).one();
	}

	private Mono<Long> append(String trackingNumber, String kind) {
		return this.db
			.sql("insert into publication_log (tracking_number, kind, at) values (:n, :kind, :at) returning id")
			.bind("n", trackingNumber)
			.bind("kind", kind)
			.bind("at", this.clock.instant())
			.map((row) -> row.get("id", Long.class))
			.one();
	}

	private static GenericExecuteSpec nullable(GenericExecuteSpec spec, String name, Object value, Class<?> type) {
		return (value != null) ? spec.bind(name, value) : spec.bindNull(name, type);
	}

}
