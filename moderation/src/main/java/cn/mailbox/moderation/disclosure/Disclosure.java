package cn.mailbox.moderation.disclosure;

import java.time.Instant;
import java.time.ZoneId;

import cn.mailbox.moderation.calendar.Deadline;
import cn.mailbox.moderation.calendar.WorkingDayCalendar;
import cn.mailbox.moderation.letter.Nature;
import cn.mailbox.moderation.redaction.DenyList;
import cn.mailbox.moderation.redaction.LabelStyle;
import cn.mailbox.moderation.redaction.RedactionResult;
import cn.mailbox.moderation.redaction.Redactor;
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
import reactor.core.scheduler.Schedulers;

/**
 * Turns a disclosed letter into its {@link PublicRecord} and publishes it, inside the
 * workflow step's transaction. This is the only place private text meets the publication
 * module, and it hands over redacted text only: the writer's own name, phone and e-mail
 * are a deny list the redactor always removes, and every other detection is applied as
 * proposed.
 */
@Component
public class Disclosure implements StepListener {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Disclosure.class);

	private final DatabaseClient db;

	private final Publisher publisher;

	private final Redactor redactor;

	private final WorkingDayCalendar calendar;

	private final ZoneId zone;

	Disclosure(DatabaseClient db, Publisher publisher, Redactor redactor, WorkingDayCalendar calendar,
			cn.mailbox.moderation.workflow.WorkflowSettings settings) {
		this.db = db;
		this.publisher = publisher;
		this.redactor = redactor;
		this.calendar = calendar;
		this.zone = settings.zone();
	}

	@Override
	public Mono<Void> afterStep(long letterId, String trackingNumber, Transition transition) {
		return switch (transition.action()) {
			case WorkflowAction.Disclose disclose -> publish(letterId, transition.after(), disclose, transition.at())
				.doOnNext((sequence) -> log.info("Published {} as publication-log entry {}", trackingNumber, sequence))
				.then();
			case WorkflowAction.Withdraw withdraw -> withdraw(trackingNumber).then();
			default -> Mono.empty();
		};
	}

	/**
	 * Publishes the letter as the {@code disclose} step chose (letter, reply or both).
	 */
	public Mono<Long> publish(long letterId, LetterFacts facts, WorkflowAction.Disclose choice, Instant at) {
		return read(letterId).flatMap((letter) -> Mono.fromCallable(() -> redact(letter))
			// Redaction is CPU work with a statistical model: off the event loop.
			.subscribeOn(Schedulers.boundedElastic())
			.map((redacted) -> record(letter, redacted, facts, choice, at))).flatMap(this.publisher::publish);
	}

	public Mono<Long> withdraw(String trackingNumber) {
		return this.publisher.withdraw(trackingNumber);
	}

	private Mono<Letter> read(long letterId) {
		return this.db
			.sql("""
					select l.tracking_number, l.mailbox, l.nature, l.field, l.region, l.title, l.body, l.reply_text,
					       l.writer_name, l.writer_phone, l.writer_email, l.received_at, l.replied_at, l.publication_consent,
					       (select min(at) from letter_events e where e.letter_id = l.id and e.action = 'accept') as accepted_at,
					       (select max(at) from letter_events e where e.letter_id = l.id and e.action = 'assign') as assigned_at,
					       (select count(*) from letter_events e where e.letter_id = l.id and e.action = 'remind') as reminders
					from letters l where l.id = :id""")
			.bind("id", letterId)
			.map(Disclosure::letter)
			.one();
	}

	private Redacted redact(Letter letter) {
		DenyList writer = new DenyList(letter.writerName(), letter.writerPhone(), letter.writerEmail(), null, null);
		RedactionResult found = this.redactor.detectLetter(letter.body(),
				(letter.reply() != null) ? letter.reply() : "", writer);
		String title = this.redactor.apply(letter.title(), this.redactor.detect(letter.title(), writer),
				LabelStyle.TYPED_LABELS);
		String body = this.redactor.apply(letter.body(), found.letterSpans(), LabelStyle.TYPED_LABELS);
		String reply = (letter.reply() != null)
				? this.redactor.apply(letter.reply(), found.replySpans(), LabelStyle.TYPED_LABELS) : null;
		return new Redacted(title, body, reply);
	}

	private PublicRecord record(Letter letter, Redacted redacted, LetterFacts facts, WorkflowAction.Disclose choice,
			Instant at) {
		Deadline deadline = facts.deadline();
		Instant replied = (letter.repliedAt() != null) ? letter.repliedAt() : at;
		Instant started = (deadline != null) ? deadline.startedAt() : letter.receivedAt();
		int workingDays = Math.max(0, this.calendar.workingDaysBetween(started.atZone(this.zone).toLocalDate(),
				replied.atZone(this.zone).toLocalDate()));
		int limit = (deadline != null) ? deadline.totalDays() : letter.nature().defaultLimitDays();
		boolean onTime = (deadline != null) ? !replied.isAfter(deadline.dueAt()) : workingDays <= limit;
		return new PublicRecord(letter.trackingNumber(), letter.mailbox(), letter.nature().code(), letter.field(),
				letter.region(), facts.assignedUnits(), redacted.title(),
				(choice.letter() && letter.consent()) ? redacted.body() : null,
				choice.reply() ? redacted.reply() : null, letter.receivedAt(), letter.acceptedAt(), letter.assignedAt(),
				letter.repliedAt(), at, workingDays, limit, onTime, letter.reminders(),
				(deadline != null) ? deadline.extensionDays() : 0);
	}

	private static Letter letter(Readable row) {
		return new Letter(row.get("tracking_number", String.class), row.get("mailbox", String.class),
				Nature.fromCode(row.get("nature", String.class)).orElseThrow(), row.get("field", String.class),
				row.get("region", String.class), row.get("title", String.class), row.get("body", String.class),
				row.get("reply_text", String.class), row.get("writer_name", String.class),
				row.get("writer_phone", String.class), row.get("writer_email", String.class),
				row.get("received_at", Instant.class), row.get("replied_at", Instant.class),
				Boolean.TRUE.equals(row.get("publication_consent", Boolean.class)),
				row.get("accepted_at", Instant.class), row.get("assigned_at", Instant.class),
				row.get("reminders", Long.class).intValue());
	}

	/** The private letter, read only here and never passed on. */
	private record Letter(String trackingNumber, String mailbox, Nature nature, String field, String region,
			String title, String body, String reply, String writerName, String writerPhone, String writerEmail,
			Instant receivedAt, Instant repliedAt, boolean consent, Instant acceptedAt, Instant assignedAt,
			int reminders) {
	}

	private record Redacted(String title, String body, String reply) {
	}

}
