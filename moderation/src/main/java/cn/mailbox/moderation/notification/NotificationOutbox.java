package cn.mailbox.moderation.notification;

import java.time.Duration;
import java.time.Instant;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The mail side of the notification outbox. A sender claims due rows with
 * {@code FOR UPDATE SKIP LOCKED} and a lease in one statement, so several portal
 * instances never take the same row, and a row claimed by an instance that died is taken
 * over once its lease has passed. The claim commits at once: no transaction stays open
 * while the SMTP server is talked to.
 */
@Component
public class NotificationOutbox {

	private final DatabaseClient db;

	NotificationOutbox(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Claims up to {@code batch} due notices for {@code lease}, counting the attempt, in
	 * the order they were written. Notices whose letter lost its e-mail address meanwhile
	 * become page-only.
	 */
	public Flux<PendingMail> claim(Instant now, Duration lease, int batch) {
		return this.db
			.sql("""
					update citizen_notifications n
					set lease_until = :leaseUntil, attempts = n.attempts + 1,
					    status = case when nullif(btrim(l.writer_email), '') is null then 'page_only' else n.status end
					from letters l
					where l.id = n.letter_id and n.id in (
					    select id from citizen_notifications
					    where status = 'pending' and next_attempt_at <= :now and (lease_until is null or lease_until <= :now)
					    order by id limit :batch
					    for update skip locked)
					returning n.id, n.attempts, n.kind, n.reason, n.created_at, n.status, l.tracking_number,
					          l.writer_email, l.locale, coalesce((select u.name from units u where u.code = n.unit), n.unit) as unit_name""")
			.bind("leaseUntil", now.plus(lease))
			.bind("now", now)
			.bind("batch", batch)
			.map((row) -> new PendingMail(row.get("id", Long.class), row.get("attempts", Integer.class),
					row.get("tracking_number", String.class), row.get("writer_email", String.class),
					row.get("locale", String.class), CitizenNotices.toNotice(row)))
			.all()
			.filter((mail) -> mail.notice().delivery() == CitizenNotice.Delivery.PENDING)
			// RETURNING has no order; a citizen should hear "accepted" before "assigned".
			.sort(java.util.Comparator.comparingLong(PendingMail::id));
	}

	/** The mail server took the message. */
	public Mono<Void> markSent(long id, Instant at) {
		return this.db.sql("""
				update citizen_notifications set status = 'sent', sent_at = :at, lease_until = null, last_error = null
				where id = :id""").bind("id", id).bind("at", at).then();
	}

	/**
	 * The attempt failed: try again at {@code retryAt}, or give up ({@code failed}, still
	 * shown on the tracking page) when {@code retryAt} is null.
	 */
	public Mono<Void> markFailed(long id, String error, Instant retryAt) {
		var update = this.db.sql("""
				update citizen_notifications
				set status = case when :giveUp then 'failed' else 'pending' end,
				    next_attempt_at = coalesce(:retryAt, next_attempt_at), lease_until = null, last_error = :error
				where id = :id""")
			.bind("id", id)
			.bind("giveUp", retryAt == null)
			.bind("error", (error != null) ? truncate(error) : "unknown error");
		update = (retryAt != null) ? update.bind("retryAt", retryAt) : update.bindNull("retryAt", Instant.class);
		return update.then();
	}

	private static String truncate(String error) {
		return (error.length() > 500) ? error.substring(0, 500) : error;
	}

}
