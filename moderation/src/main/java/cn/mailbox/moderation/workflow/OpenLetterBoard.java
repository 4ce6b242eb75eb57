package cn.mailbox.moderation.workflow;

import java.time.Clock;
import java.time.Instant;

import cn.mailbox.moderation.calendar.DeadlineStatus;
import cn.mailbox.moderation.calendar.Deadlines;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The open-letters board (公示栏): every letter still being handled, with its accumulated
 * time, as the Chongqing rules require. Only what the domain allows for open letters is
 * shown (number, nature, unit, received time, working days, deadline, overdue);
 * investigations and letters whose writer refused publication never appear.
 */
@Component
public class OpenLetterBoard {

	private final DatabaseClient db;

	private final Deadlines deadlines;

	private final Clock clock;

	OpenLetterBoard(DatabaseClient db, Deadlines deadlines, Clock clock) {
		this.db = db;
		this.deadlines = deadlines;
		this.clock = clock;
	}

	public Flux<Entry> open() {
		Instant now = this.clock.instant();
		return this.db.sql("""
				select tracking_number, nature, current_unit, received_at, deadline_at, workflow::text as workflow
				from letters
				where state in ('accepted', 'assigned', 'in_progress', 'forwarded', 'escalated', 'replied')
				  and not restricted and publication_consent
				order by received_at""")
			.map((row) -> new Row(row.get("tracking_number", String.class), row.get("nature", String.class),
					row.get("current_unit", String.class), row.get("received_at", Instant.class),
					row.get("deadline_at", Instant.class), row.get("workflow", String.class)))
			.all()
			.concatMap((row) -> Mono.fromCallable(() -> row.entry(this.deadlines, now))
				.onErrorResume((ex) -> Mono.empty()));
	}

	/**
	 * One open letter on the board.
	 *
	 * @param workingDaysElapsed working days since its timer started (since receipt when
	 * it has no deadline yet)
	 */
	public record Entry(String trackingNumber, String nature, String unit, Instant receivedAt, int workingDaysElapsed,
			Instant deadline, boolean overdue) {
	}

	private record Row(String trackingNumber, String nature, String unit, Instant receivedAt, Instant deadline,
			String workflow) {

		Entry entry(Deadlines deadlines, Instant now) {
			LetterFacts facts = (this.workflow != null) ? LetterFactsJson.read(this.workflow) : null;
			if (facts != null && facts.deadline() != null) {
				DeadlineStatus status = deadlines.statusAt(facts.deadline(), now);
				return new Entry(this.trackingNumber, this.nature, this.unit, this.receivedAt,
						status.workingDaysElapsed(), this.deadline, status.overdue());
			}
			int elapsed = Math.max(0,
					deadlines.calendar().workingDaysBetween(deadlines.day(this.receivedAt), deadlines.day(now)));
			return new Entry(this.trackingNumber, this.nature, this.unit, this.receivedAt, elapsed, null, false);
		}

	}

}
