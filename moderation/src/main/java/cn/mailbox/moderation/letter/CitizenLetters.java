package cn.mailbox.moderation.letter;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The citizen's side of a stored letter: reading it back by tracking number, and rating
 * the reply. Checking the access code is the caller's job (intake owns the code); this
 * class only ever answers for one letter at a time.
 */
@Component
public class CitizenLetters {

	private final DatabaseClient db;

	private final Clock clock;

	CitizenLetters(DatabaseClient db, Clock clock) {
		this.db = db;
		this.clock = clock;
	}

	public Mono<CitizenView> find(String trackingNumber) {
		return this.db.sql("""
				select id, tracking_number, access_code_hash, mailbox, nature, field, region, title, body, state,
				       received_at, current_unit, deadline_at,
				       case when reply_approved_at is not null then reply_text end as reply_text,
				       case when reply_approved_at is not null then replied_at end as replied_at,
				       feedback_satisfaction, feedback_comment, feedback_at
				from letters where tracking_number = :trackingNumber""")
			.bind("trackingNumber", trackingNumber)
			.map(this::toView)
			.one()
			.flatMap(this::withTimeline);
	}

	/**
	 * Records the citizen's rating once an approved reply exists; a dissatisfied rating
	 * lets a moderator reopen the letter for review (复查). Empty when there is nothing to
	 * rate yet or the letter was already rated, so the caller can answer 409.
	 */
	public Mono<CitizenView.Feedback> giveFeedback(long letterId, Satisfaction satisfaction, String comment) {
		Instant at = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		var update = this.db.sql("""
				update letters set feedback_satisfaction = :satisfaction, feedback_comment = :comment,
				       feedback_at = :at, version = version + 1,
				       workflow = case when :dissatisfied and workflow is not null
				                       then jsonb_set(workflow, '{dissatisfiedFeedback}', 'true') else workflow end
				where id = :id and reply_approved_at is not null and feedback_at is null
				returning state""")
			.bind("satisfaction", satisfaction.code())
			.bind("dissatisfied", satisfaction == Satisfaction.DISSATISFIED)
			.bind("at", at)
			.bind("id", letterId);
		update = Binding.nullable(update, "comment", comment, String.class);
		return update.map((row) -> row.get("state", String.class))
			.one()
			.flatMap((state) -> this.db.sql("""
					insert into letter_events (letter_id, at, actor, role, action, from_state, to_state, comment,
					                           visible_to_citizen)
					values (:id, :at, 'citizen', 'citizen', 'feedback_given', :state, :state, :satisfaction, true)""")
				.bind("id", letterId)
				.bind("at", at)
				.bind("state", state)
				.bind("satisfaction", satisfaction.code())
				.then()
				.thenReturn(new CitizenView.Feedback(satisfaction, comment, at)));
	}

	private CitizenView toView(Readable row) {
		String satisfaction = row.get("feedback_satisfaction", String.class);
		CitizenView.Feedback feedback = (satisfaction != null)
				? new CitizenView.Feedback(Satisfaction.fromCode(satisfaction).orElseThrow(),
						row.get("feedback_comment", String.class), row.get("feedback_at", Instant.class))
				: null;
		return new CitizenView(row.get("id", Long.class), row.get("tracking_number", String.class),
				row.get("access_code_hash", byte[].class), row.get("mailbox", String.class),
				Nature.fromCode(row.get("nature", String.class)).orElseThrow(), row.get("field", String.class),
				row.get("region", String.class), row.get("title", String.class), row.get("body", String.class),
				LetterState.fromCode(row.get("state", String.class)).orElseThrow(),
				row.get("received_at", Instant.class), row.get("current_unit", String.class),
				row.get("deadline_at", Instant.class), row.get("reply_text", String.class),
				row.get("replied_at", Instant.class), feedback, java.util.List.of());
	}

	private Mono<CitizenView> withTimeline(CitizenView view) {
		return this.db.sql("""
				select at, action, unit from letter_events
				where letter_id = :id and visible_to_citizen order by id""")
			.bind("id", view.id())
			.map((row) -> new CitizenView.TimelineEntry(row.get("at", Instant.class), row.get("action", String.class),
					row.get("unit", String.class)))
			.all()
			.collectList()
			.map((timeline) -> new CitizenView(view.id(), view.trackingNumber(), view.accessCodeHash(), view.mailbox(),
					view.nature(), view.field(), view.region(), view.title(), view.body(), view.state(),
					view.receivedAt(), view.currentUnit(), view.deadlineAt(), view.replyText(), view.repliedAt(),
					view.feedback(), timeline));
	}

}
