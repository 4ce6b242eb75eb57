package cn.mailbox.moderation.supervision;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import cn.mailbox.moderation.calendar.DeadlineStatus;
import cn.mailbox.moderation.calendar.Deadlines;
import cn.mailbox.moderation.workflow.Actor;
import cn.mailbox.moderation.workflow.LetterFacts;
import cn.mailbox.moderation.workflow.LetterFactsJson;
import cn.mailbox.moderation.workflow.LetterHandling;
import cn.mailbox.moderation.workflow.WorkflowAction;
import cn.mailbox.moderation.workflow.WorkflowRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Supervision (督办): reminds a unit one working day before its deadline and every working
 * day after it, each reminder a {@code remind} step in the letter's trail by
 * {@link Actor#system()}.
 *
 * <p>
 * Safe with several portal instances: a reminder is claimed by inserting (letter, day)
 * into {@code letter_reminders}; only the instance whose insert succeeds sends it. Spring
 * subscribes to the returned {@link Mono} on its scheduler, so nothing here blocks.
 */
@Component
public class Supervision {

	private static final Logger log = LoggerFactory.getLogger(Supervision.class);

	private final DatabaseClient db;

	private final LetterHandling handling;

	private final Deadlines deadlines;

	private final Clock clock;

	Supervision(DatabaseClient db, LetterHandling handling, Deadlines deadlines, Clock clock) {
		this.db = db;
		this.handling = handling;
		this.deadlines = deadlines;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "${moderation.supervision.initial-delay:PT1M}",
			fixedDelayString = "${moderation.supervision.interval:PT15M}")
	public Mono<Long> remindDueLetters() {
		return remindDueLetters(this.clock.instant());
	}

	/** One supervision round as of {@code now}: answers how many reminders went out. */
	public Mono<Long> remindDueLetters(Instant now) {
		LocalDate today = this.deadlines.day(now);
		return openLetters(now).filter((open) -> open.status().reminderDue())
			.concatMap((open) -> claim(open.id(), today, now).filter(Boolean::booleanValue)
				.flatMap((claimed) -> remind(open)))
			.count()
			.doOnNext((sent) -> {
				if (sent > 0) {
					log.info("Supervision sent {} reminders", sent);
				}
			});
	}

	private Flux<OpenLetter> openLetters(Instant now) {
		return this.db.sql("""
				select id, tracking_number, workflow::text as workflow from letters
				where state in ('assigned', 'in_progress') and deadline_at is not null""")
			.map((row) -> new StoredFacts(row.get("id", Long.class), row.get("tracking_number", String.class),
					row.get("workflow", String.class)))
			.all()
			.flatMap((stored) -> Mono.fromCallable(() -> stored.open(this.deadlines, now))
				// One unreadable letter must not stop the reminders of all the others.
				.onErrorResume((ex) -> {
					log.warn("Supervision skipped letter {}: {}", stored.trackingNumber(), ex.getMessage());
					return Mono.empty();
				}));
	}

	private record StoredFacts(long id, String trackingNumber, String workflow) {

		OpenLetter open(Deadlines deadlines, Instant now) {
			LetterFacts facts = LetterFactsJson.read(this.workflow);
			return new OpenLetter(this.id, this.trackingNumber, deadlines.statusAt(facts.deadline(), now));
		}

	}

	private Mono<Boolean> claim(long letterId, LocalDate day, Instant now) {
		return this.db.sql("""
				insert into letter_reminders (letter_id, day, sent_at) values (:id, :day, :at)
				on conflict do nothing""")
			.bind("id", letterId)
			.bind("day", day)
			.bind("at", now)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows == 1);
	}

	private Mono<Long> remind(OpenLetter open) {
		String note = open.status().overdue() ? "已超期 " + open.status().workingDaysOverdue() + " 个工作日，请尽快办理"
				: "明日到期，请按时办理";
		return this.handling.perform(open.trackingNumber(), Actor.system(), new WorkflowAction.Remind("系统催办：" + note))
			.thenReturn(1L)
			// A letter that moved on between the read and the reminder needs none.
			.onErrorResume(WorkflowRefused.class, (refused) -> Mono.empty());
	}

	private record OpenLetter(long id, String trackingNumber, DeadlineStatus status) {
	}

}
