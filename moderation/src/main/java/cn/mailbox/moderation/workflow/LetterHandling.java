package cn.mailbox.moderation.workflow;

import java.time.Instant;

import cn.mailbox.moderation.letter.LetterState;
import cn.mailbox.moderation.letter.Nature;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Performs one workflow step on a stored letter: reads its facts, lets the
 * {@link LetterStateMachine} decide, and writes the new facts with one audit event in one
 * transaction. The write is conditional on the version read, so of two moderators acting
 * at once exactly one wins; the other gets a 409 and nothing changes.
 */
@Component
public class LetterHandling {

	private final DatabaseClient db;

	private final LetterStateMachine machine;

	private final TransactionalOperator transaction;

	private final java.util.List<StepListener> listeners;

	LetterHandling(DatabaseClient db, LetterStateMachine machine, TransactionalOperator transaction,
			java.util.List<StepListener> listeners) {
		this.db = db;
		this.machine = machine;
		this.transaction = transaction;
		this.listeners = java.util.List.copyOf(listeners);
	}

	public Mono<Transition> perform(String trackingNumber, Actor actor, WorkflowAction action) {
		return unitsExist(action).then(load(trackingNumber))
			.flatMap((stored) -> decide(stored, actor, action).flatMap((transition) -> write(stored, transition)))
			.as(this.transaction::transactional);
	}

	/** The facts of a letter and what it was read at, for a conditional write. */
	Mono<StoredLetter> load(String trackingNumber) {
		return this.db
			.sql("""
					select id, tracking_number, version, state, nature, mailbox, received_at, writer_name, writer_phone, writer_email,
					       publication_consent, workflow::text as workflow
					from letters where tracking_number = :n""")
			.bind("n", trackingNumber)
			.map(LetterHandling::toStored)
			.one()
			.switchIfEmpty(Mono.error(new LetterNotKnown(trackingNumber)));
	}

	private Mono<Transition> decide(StoredLetter stored, Actor actor, WorkflowAction action) {
		return switch (this.machine.decide(stored.facts(), actor, action)) {
			case Transition transition -> Mono.just(transition);
			case Refusal refusal -> Mono.error(WorkflowRefused.of(refusal));
		};
	}

	private Mono<Transition> write(StoredLetter stored, Transition transition) {
		LetterFacts after = transition.after();
		var update = this.db.sql("""
				update letters set state = :state, workflow = cast(:workflow as jsonb), assigned_units = :units,
				       current_unit = :unit, deadline_at = :deadline, restricted = :restricted, published = :published,
				       reply_text = coalesce(:reply, reply_text), replied_at = coalesce(:repliedAt, replied_at),
				       reply_approved_at = case when :approved then :at else reply_approved_at end,
				       version = version + 1
				where id = :id and version = :version""")
			.bind("state", after.state().code())
			.bind("workflow", LetterFactsJson.write(after))
			.bind("units", after.assignedUnits().toArray(String[]::new))
			.bind("restricted", after.restricted())
			.bind("published", after.published())
			.bind("approved", transition.action() instanceof WorkflowAction.Approve)
			.bind("at", transition.at())
			.bind("id", stored.id())
			.bind("version", stored.version());
		update = (after.leadUnit() != null) ? update.bind("unit", after.leadUnit())
				: update.bindNull("unit", String.class);
		// The due instant is the last nanosecond of a day; PostgreSQL would round it up
		// into the
		// next day, so store it truncated to the microseconds it keeps.
		update = (after.deadline() != null)
				? update.bind("deadline", after.deadline().dueAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS))
				: update.bindNull("deadline", Instant.class);
		String reply = finalReplyText(transition.action());
		update = (reply != null) ? update.bind("reply", reply).bind("repliedAt", transition.at())
				: update.bindNull("reply", String.class).bindNull("repliedAt", Instant.class);
		return update.fetch()
			.rowsUpdated()
			.flatMap((rows) -> (rows == 1) ? record(stored, transition).then(notifyListeners(stored, transition))
					: Mono.error(WorkflowRefused.concurrentChange()))
			.thenReturn(transition);
	}

	private Mono<Void> notifyListeners(StoredLetter stored, Transition transition) {
		return reactor.core.publisher.Flux.fromIterable(this.listeners)
			.concatMap((listener) -> listener.afterStep(stored.id(), stored.trackingNumber(), transition))
			.then();
	}

	private Mono<Void> record(StoredLetter stored, Transition transition) {
		StepRecord step = StepRecord.of(transition);
		var insert = this.db.sql("""
				insert into letter_events (letter_id, at, actor, role, action, from_state, to_state, unit, comment,
				                           visible_to_citizen)
				values (:letter, :at, :actor, :role, :action, :from, :to, :unit, :comment, :visible)""")
			.bind("letter", stored.id())
			.bind("at", transition.at())
			.bind("actor", transition.actor().username())
			.bind("role", roleOf(transition.actor()))
			.bind("action", transition.action().kind().code())
			.bind("from", transition.from().code())
			.bind("to", transition.to().code())
			.bind("visible", step.visibleToCitizen());
		insert = (step.unit() != null) ? insert.bind("unit", step.unit()) : insert.bindNull("unit", String.class);
		insert = (step.comment() != null) ? insert.bind("comment", step.comment())
				: insert.bindNull("comment", String.class);
		return insert.then();
	}

	/**
	 * A step naming a unit that does not exist is refused before anything is read or
	 * written.
	 */
	private Mono<Void> unitsExist(WorkflowAction action) {
		java.util.List<String> named = switch (action) {
			case WorkflowAction.Assign assign -> java.util.List.of(assign.unit());
			case WorkflowAction.JointAssign joint -> joint.units();
			case WorkflowAction.Forward forward -> java.util.List.of(forward.unit());
			default -> java.util.List.of();
		};
		if (named.isEmpty()) {
			return Mono.empty();
		}
		return this.db.sql("select count(*) as n from units where code = any(:codes)")
			.bind("codes", named.toArray(String[]::new))
			.map((row) -> row.get("n", Long.class))
			.one()
			.flatMap((found) -> (found == named.stream().distinct().count()) ? Mono.<Void>empty()
					: Mono.error(new WorkflowRefused(Refusal.Kind.INVALID_FOR_LETTER, "Unknown unit in " + named)));
	}

	private static String finalReplyText(WorkflowAction action) {
		return switch (action) {
			case WorkflowAction.Reply reply when !reply.interim() -> reply.text();
			case WorkflowAction.DirectReply direct -> direct.text();
			default -> null;
		};
	}

	private static String roleOf(Actor actor) {
		return actor.roles().stream().map(Role::code).sorted().reduce((a, b) -> a + "," + b).orElse("system");
	}

	private static StoredLetter toStored(Readable row) {
		String workflow = row.get("workflow", String.class);
		LetterFacts facts;
		if (workflow != null) {
			facts = LetterFactsJson.read(workflow);
		}
		else {
			String mailbox = row.get("mailbox", String.class);
			boolean identified = row.get("writer_name", String.class) != null
					&& (row.get("writer_phone", String.class) != null || row.get("writer_email", String.class) != null);
			facts = LetterFacts
				.received(Nature.fromCode(row.get("nature", String.class)).orElseThrow(),
						"mayor".equals(mailbox) ? null : mailbox, row.get("received_at", Instant.class), identified,
						Boolean.TRUE.equals(row.get("publication_consent", Boolean.class)))
				.withState(LetterState.fromCode(row.get("state", String.class)).orElseThrow());
		}
		return new StoredLetter(row.get("id", Long.class), row.get("tracking_number", String.class),
				row.get("version", Integer.class), facts);
	}

	record StoredLetter(long id, String trackingNumber, int version, LetterFacts facts) {
	}

	/** No letter has this tracking number. */
	public static class LetterNotKnown extends RuntimeException {

		LetterNotKnown(String trackingNumber) {
			super("No letter " + trackingNumber, null, false, false);
		}

	}

}
