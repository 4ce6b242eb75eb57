package cn.mailbox.moderation.disclosure;

import java.time.Instant;
import java.time.ZoneId;

import cn.mailbox.moderation.calendar.Deadline;
import cn.mailbox.moderation.calendar.WorkingDayCalendar;
import cn.mailbox.moderation.letter.Nature;
import cn.mailbox.moderation.workflow.LetterFacts;
import cn.mailbox.moderation.workflow.StepListener;
import cn.mailbox.moderation.workflow.Transition;
import cn.mailbox.moderation.workflow.WorkflowAction;
import cn.mailbox.publication.PublicRecord;
import cn.mailbox.publication.Publisher;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Turns a disclosed letter into its {@link PublicRecord} and publishes it, inside the
 * workflow step's transaction. This class never reads the private text: the title, letter
 * and reply come from {@link RedactionProposals#redacted} already redacted (the reviewed
 * spans, or the proposals as they stand when nobody reviewed them, plus the writer's own
 * name, phone and e-mail whatever the review says). A {@code disclose} step that carries
 * its own redaction list stores it as the review first.
 */
@Component
public class Disclosure implements StepListener {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Disclosure.class);

	private final DatabaseClient db;

	private final Publisher publisher;

	private final RedactionProposals proposals;

	private final WorkingDayCalendar calendar;

	private final ZoneId zone;

	Disclosure(DatabaseClient db, Publisher publisher, RedactionProposals proposals, WorkingDayCalendar calendar,
			cn.mailbox.moderation.workflow.WorkflowSettings settings) {
		this.db = db;
		this.publisher = publisher;
		this.proposals = proposals;
		this.calendar = calendar;
		this.zone = settings.zone();
	}

	@Override
	public Mono<Void> afterStep(long letterId, String trackingNumber, Transition transition) {
		return switch (transition.action()) {
			case WorkflowAction.Disclose disclose ->
				publish(letterId, transition.after(), disclose, transition.at(), transition.actor().username())
					.doOnNext((sequence) -> log.info("Published {} as publication-log entry {}", trackingNumber,
							sequence))
					.then();
			case WorkflowAction.Withdraw withdraw -> withdraw(trackingNumber).then();
			default -> Mono.empty();
		};
	}

	/**
	 * Publishes the letter as the {@code disclose} step chose (letter, reply or both).
	 */
	Mono<Long> publish(long letterId, LetterFacts facts, WorkflowAction.Disclose choice, Instant at, String moderator) {
		Mono<Void> reviewed = choice.usesCurrentProposals() ? Mono.empty()
				: this.proposals.review(letterId, moderator,
						choice.redactions()
							.stream()
							.map((span) -> new ReviewedSpan(span.target(), span.start(), span.end(), span.kind()))
							.toList());
		return reviewed.then(read(letterId))
			.flatMap((letter) -> this.proposals.redacted(letterId, choice.letter() && letter.consent(), choice.reply())
				.map((redacted) -> record(letter, redacted, facts, at)))
			.flatMap(this.publisher::publish);
	}

	public Mono<Long> withdraw(String trackingNumber) {
		return this.publisher.withdraw(trackingNumber);
	}

	private Mono<Letter> read(long letterId) {
		return this.db
			.sql("""
					select l.tracking_number, l.mailbox, l.nature, l.field, l.region, l.received_at, l.replied_at,
					       l.publication_consent,
					       (select min(at) from letter_events e where e.letter_id = l.id and e.action = 'accept') as accepted_at,
					       (select max(at) from letter_events e where e.letter_id = l.id and e.action = 'assign') as assigned_at,
					       (select count(*) from letter_events e where e.letter_id = l.id and e.action = 'remind') as reminders
					from letters l where l.id = :id""")
			.bind("id", letterId)
			.map(Disclosure::letter)
			.one();
	}

	private PublicRecord record(Letter letter, RedactionPreview redacted, LetterFacts facts, Instant at) {
		Deadline deadline = facts.deadline();
		Instant replied = (letter.repliedAt() != null) ? letter.repliedAt() : at;
		Instant started = (deadline != null) ? deadline.startedAt() : letter.receivedAt();
		int workingDays = Math.max(0, this.calendar.workingDaysBetween(started.atZone(this.zone).toLocalDate(),
				replied.atZone(this.zone).toLocalDate()));
		int limit = (deadline != null) ? deadline.totalDays() : letter.nature().defaultLimitDays();
		boolean onTime = (deadline != null) ? !replied.isAfter(deadline.dueAt()) : workingDays <= limit;
		return new PublicRecord(letter.trackingNumber(), letter.mailbox(), letter.nature().code(), letter.field(),
				letter.region(), facts.assignedUnits(), redacted.title(), redacted.letter(), redacted.reply(),
				letter.receivedAt(), letter.acceptedAt(), letter.assignedAt(), letter.repliedAt(), at, workingDays,
				limit, onTime, letter.reminders(), (deadline != null) ? deadline.extensionDays() : 0);
	}

	private static Letter letter(Readable row) {
		return new Letter(row.get("tracking_number", String.class), row.get("mailbox", String.class),
				Nature.fromCode(row.get("nature", String.class)).orElseThrow(), row.get("field", String.class),
				row.get("region", String.class), row.get("received_at", Instant.class),
				row.get("replied_at", Instant.class),
				Boolean.TRUE.equals(row.get("publication_consent", Boolean.class)),
				row.get("accepted_at", Instant.class), row.get("assigned_at", Instant.class),
				row.get("reminders", Long.class).intValue());
	}

	/** The public facts of the letter: no text, no writer. */
	private record Letter(String trackingNumber, String mailbox, Nature nature, String field, String region,
			Instant receivedAt, Instant repliedAt, boolean consent, Instant acceptedAt, Instant assignedAt,
			int reminders) {
	}

}
