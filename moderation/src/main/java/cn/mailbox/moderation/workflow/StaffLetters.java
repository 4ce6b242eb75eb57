package cn.mailbox.moderation.workflow;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import cn.mailbox.moderation.calendar.Deadlines;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What staff read: the work queues and one letter with its trail. Every read applies
 * {@link Visibility}, so a letter outside the reader's mailbox or unit is answered as
 * absent.
 */
@Component
public class StaffLetters {

	public static final int PAGE_SIZE = 50;

	private final DatabaseClient db;

	private final LetterHandling handling;

	private final LetterStateMachine machine;

	private final Deadlines deadlines;

	private final Clock clock;

	StaffLetters(DatabaseClient db, LetterHandling handling, LetterStateMachine machine, Deadlines deadlines,
			Clock clock) {
		this.db = db;
		this.handling = handling;
		this.machine = machine;
		this.deadlines = deadlines;
		this.clock = clock;
	}

	/**
	 * A work queue, oldest first (the order letters are owed an answer).
	 * @param state a state code or null for all; {@code overdue} for letters past their
	 * deadline
	 * @param page 1-based
	 */
	public Flux<StaffLetterSummary> queue(Actor actor, String state, String mailbox, String unit, int page) {
		StringBuilder sql = new StringBuilder("""
				select tracking_number, state, mailbox, nature, title, received_at, current_unit, deadline_at
				from letters where """).append(" ").append(Visibility.sqlCondition(actor));
		if ("overdue".equals(state)) {
			sql.append(" and deadline_at < :now and state in ('assigned','in_progress')");
		}
		else if (state != null) {
			sql.append(" and state = :state");
		}
		if (mailbox != null) {
			sql.append(" and mailbox = :mailbox");
		}
		if (unit != null) {
			sql.append(" and ").append(Visibility.assignedTo("unit"));
		}
		sql.append(" order by received_at, id limit :limit offset :offset");
		Instant now = this.clock.instant();
		var spec = this.db.sql(sql.toString())
			.bind("limit", PAGE_SIZE)
			.bind("offset", (Math.max(page, 1) - 1) * PAGE_SIZE);
		spec = bindActor(spec, sql, actor);
		if (sql.indexOf(":now") >= 0) {
			spec = spec.bind("now", now);
		}
		if (sql.indexOf(":state") >= 0) {
			spec = spec.bind("state", state);
		}
		if (mailbox != null) {
			spec = spec.bind("mailbox", mailbox);
		}
		if (unit != null) {
			spec = spec.bind("unit", unit);
		}
		return spec.map((row) -> summary(row, now)).all();
	}

	/**
	 * Counts per queue for the console's navigation: received, quarantined, awaiting
	 * audit, overdue...
	 */
	public Mono<java.util.Map<String, Long>> counts(Actor actor) {
		StringBuilder sql = new StringBuilder("""
				select state as queue, count(*) as n from letters where """).append(" ")
			.append(Visibility.sqlCondition(actor))
			.append(" group by state union all select 'overdue', count(*) from letters where ")
			.append(" ")
			.append(Visibility.sqlCondition(actor))
			.append(" and deadline_at < :now and state in ('assigned','in_progress')");
		var spec = bindActor(this.db.sql(sql.toString()), sql, actor).bind("now", this.clock.instant());
		return spec.map((row) -> java.util.Map.entry(row.get("queue", String.class), row.get("n", Long.class)))
			.all()
			.collectMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue);
	}

	public Mono<StaffLetterView> view(String trackingNumber, Actor actor) {
		return this.handling.load(trackingNumber)
			.filter((stored) -> Visibility.canSee(stored.facts(), actor))
			.switchIfEmpty(Mono.error(new LetterHandling.LetterNotKnown(trackingNumber)))
			.flatMap((stored) -> details(stored, actor));
	}

	private Mono<StaffLetterView> details(LetterHandling.StoredLetter stored, Actor actor) {
		Mono<List<StaffLetterView.Event>> events = this.db.sql("""
				select at, actor, role, action, from_state, to_state, unit, comment
				from letter_events where letter_id = :id order by id""")
			.bind("id", stored.id())
			.map((row) -> new StaffLetterView.Event(row.get("at", Instant.class), row.get("actor", String.class),
					row.get("role", String.class), row.get("action", String.class), row.get("from_state", String.class),
					row.get("to_state", String.class), row.get("unit", String.class), row.get("comment", String.class)))
			.all()
			.collectList();
		Mono<List<StaffLetterView.RedactionProposal>> proposals = this.db.sql("""
				select target, start_offset, end_offset, kind, text, score, explanation, status, writer_field
				from redaction_proposals where letter_id = :id
				order by case target when 'title' then 0 when 'letter' then 1 else 2 end, start_offset, end_offset""")
			.bind("id", stored.id())
			.map(StaffLetters::proposal)
			.all()
			.collectList();
		// A row is only readable inside map(): build the view there, with the trail read
		// first.
		return Mono.zip(events, proposals)
			.flatMap((read) -> this.db
				.sql("""
						select l.tracking_number, l.state, l.mailbox, l.nature, l.field, l.region, l.title, l.body,
						       l.writer_name, l.writer_phone, l.writer_email, l.anonymous, l.publication_consent, l.channel,
						       l.received_at, l.current_unit, l.deadline_at, l.reply_text, l.replied_at, l.published, l.restricted,
						       s.letter_id as screened, s.spam_score, s.quarantined, s.reasons, s.scope_flags,
						       d.tracking_number as duplicate_of, s.duplicate_similarity, s.same_sender
						from letters l
						left join letter_screening s on s.letter_id = l.id
						left join letters d on d.id = s.duplicate_of
						where l.id = :id""")
				.bind("id", stored.id())
				.map((row) -> toView(row, read.getT1(), read.getT2(), stored.facts(), actor))
				.one());
	}

	private StaffLetterView toView(Readable row, List<StaffLetterView.Event> events,
			List<StaffLetterView.RedactionProposal> proposals, LetterFacts facts, Actor actor) {
		var writer = new StaffLetterView.Writer(row.get("writer_name", String.class),
				row.get("writer_phone", String.class), row.get("writer_email", String.class),
				Boolean.TRUE.equals(row.get("anonymous", Boolean.class)));
		return new StaffLetterView(row.get("tracking_number", String.class), row.get("state", String.class),
				row.get("mailbox", String.class), row.get("nature", String.class), row.get("field", String.class),
				row.get("region", String.class), row.get("title", String.class), row.get("body", String.class), writer,
				Boolean.TRUE.equals(row.get("publication_consent", Boolean.class)), row.get("channel", String.class),
				row.get("received_at", Instant.class), row.get("current_unit", String.class), facts.assignedUnits(),
				row.get("deadline_at", Instant.class),
				(facts.deadline() != null) ? this.deadlines.status(facts.deadline()) : null,
				row.get("reply_text", String.class), row.get("replied_at", Instant.class),
				Boolean.TRUE.equals(row.get("published", Boolean.class)),
				Boolean.TRUE.equals(row.get("restricted", Boolean.class)), screening(row),
				this.machine.allowedActions(facts, actor).stream().map(ActionKind::code).collect(Collectors.toSet()),
				events, proposals);
	}

	private static StaffLetterView.RedactionProposal proposal(Readable row) {
		return new StaffLetterView.RedactionProposal(row.get("target", String.class),
				row.get("start_offset", Integer.class), row.get("end_offset", Integer.class),
				row.get("kind", String.class), row.get("text", String.class), row.get("score", Double.class),
				row.get("explanation", String.class), row.get("status", String.class),
				Boolean.TRUE.equals(row.get("writer_field", Boolean.class)));
	}

	private static StaffLetterView.Screening screening(Readable row) {
		if (row.get("screened", Long.class) == null) {
			return null;
		}
		return new StaffLetterView.Screening(row.get("spam_score", Double.class),
				Boolean.TRUE.equals(row.get("quarantined", Boolean.class)), List.of(row.get("reasons", String[].class)),
				row.get("duplicate_of", String.class), row.get("duplicate_similarity", Double.class),
				row.get("same_sender", Boolean.class), List.of(row.get("scope_flags", String[].class)));
	}

	private static StaffLetterSummary summary(Readable row, Instant now) {
		Instant deadline = row.get("deadline_at", Instant.class);
		String state = row.get("state", String.class);
		boolean open = Arrays.asList("assigned", "in_progress").contains(state);
		return new StaffLetterSummary(row.get("tracking_number", String.class), state, row.get("mailbox", String.class),
				row.get("nature", String.class), row.get("title", String.class), row.get("received_at", Instant.class),
				row.get("current_unit", String.class), deadline, open && deadline != null && now.isAfter(deadline));
	}

	private static DatabaseClient.GenericExecuteSpec bindActor(DatabaseClient.GenericExecuteSpec spec, CharSequence sql,
			Actor actor) {
		String text = sql.toString();
		if (text.contains(":actorUnit")) {
			spec = spec.bind("actorUnit", actor.unit());
		}
		if (text.contains(":actorName")) {
			spec = spec.bind("actorName", actor.username());
		}
		return spec;
	}

}
