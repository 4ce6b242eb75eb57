package cn.mailbox.moderation.workflow;

import java.time.Instant;
import java.util.Set;

import cn.mailbox.moderation.letter.LetterState;

/**
 * An allowed step: the event to record in the audit trail and the letter's facts after
 * it. Applying it is the caller's job (one row update and one event row, in one
 * transaction).
 *
 * @param from the state before
 * @param to the state after (may equal {@code from}: a signature, a reminder, an
 * extension)
 * @param event the past-tense event name for the audit trail, e.g. {@code LetterAccepted}
 * @param action the step as asked, with its fields (reason, text, units ...)
 * @param actor who did it
 * @param at when (the machine's clock)
 * @param after the letter's facts after the step
 * @param deadlineChange what happened to the handling timer
 * @param notifyCitizen whether the citizen is to be told (rejection, forward, interim
 * reply, approved reply, publication, review)
 * @param notifyUnits units to be told (assignment, reminder, rejected reply, extension
 * decision)
 */
public record Transition(LetterState from, LetterState to, String event, WorkflowAction action, Actor actor, Instant at,
		LetterFacts after, DeadlineChange deadlineChange, boolean notifyCitizen,
		Set<String> notifyUnits) implements Decision {

	public Transition {
		notifyUnits = Set.copyOf(notifyUnits);
	}

	Transition notifyingCitizen() {
		return new Transition(this.from, this.to, this.event, this.action, this.actor, this.at, this.after,
				this.deadlineChange, true, this.notifyUnits);
	}

	Transition notifying(Set<String> units) {
		return new Transition(this.from, this.to, this.event, this.action, this.actor, this.at, this.after,
				this.deadlineChange, this.notifyCitizen, units);
	}

	Transition changing(DeadlineChange change) {
		return new Transition(this.from, this.to, this.event, this.action, this.actor, this.at, this.after, change,
				this.notifyCitizen, this.notifyUnits);
	}

}
