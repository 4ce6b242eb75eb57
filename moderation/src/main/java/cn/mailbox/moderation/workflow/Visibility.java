package cn.mailbox.moderation.workflow;

import java.util.EnumSet;
import java.util.Set;

import cn.mailbox.moderation.letter.LetterState;

/**
 * Who may see a letter, kept apart from who may act on it (the state machine). Staff see
 * only the letters of their own mailbox or unit, except the mayor's-mailbox moderators
 * and administrators (domain: 保密). Investigations are restricted to those handling them.
 */
final class Visibility {

	private static final Set<LetterState> FOR_LEADERS = EnumSet.of(LetterState.ESCALATED, LetterState.INVESTIGATING);

	private Visibility() {
	}

	static boolean canSee(LetterFacts facts, Actor actor) {
		if (actor.has(Role.ADMIN) || (actor.has(Role.MODERATOR) && actor.mayorsMailbox())) {
			return true;
		}
		if (actor.has(Role.LEADER) && (FOR_LEADERS.contains(facts.state()) || facts.leaderInstructed())) {
			return facts.escalatedTo() == null || facts.escalatedTo().equals(actor.username());
		}
		if (facts.restricted()) {
			return false;
		}
		if (actor.has(Role.MODERATOR) && actor.unit() != null && actor.unit().equals(facts.mailboxUnit())) {
			return true;
		}
		return actor.has(Role.UNIT_OFFICER) && actor.unit() != null && facts.assignedUnits().contains(actor.unit());
	}

	/**
	 * The same rule as a SQL condition over {@code letters}, for the work queues.
	 * Parameters: {@code :actorUnit}, {@code :actorName}.
	 */
	static String sqlCondition(Actor actor) {
		if (actor.has(Role.ADMIN) || (actor.has(Role.MODERATOR) && actor.mayorsMailbox())) {
			return "true";
		}
		StringBuilder condition = new StringBuilder("(false");
		if (actor.has(Role.LEADER)) {
			condition.append(
					" or (state in ('escalated','investigating') and coalesce(workflow->>'escalatedTo', :actorName) = :actorName)");
		}
		if (actor.unit() != null && actor.has(Role.MODERATOR)) {
			condition.append(" or (not restricted and mailbox = :actorUnit)");
		}
		if (actor.unit() != null && actor.has(Role.UNIT_OFFICER)) {
			condition.append(" or (not restricted and ").append(assignedTo("actorUnit")).append(")");
		}
		return condition.append(")").toString();
	}

	/**
	 * The letters assigned to the unit in a named parameter, in the form the partial GIN
	 * index {@code letters_units_idx} serves: containment, since a GIN index cannot serve
	 * {@code :unit = any(assigned_units)} (a unit officer's queue read every letter, 180
	 * ms at 340,000 letters, 30–70 ms with the index), and a non-empty list, the index's
	 * condition: it leaves out the letters not yet assigned, so that taking a letter in
	 * writes nothing to it.
	 */
	static String assignedTo(String parameter) {
		return "(assigned_units <> '{}' and assigned_units @> array[cast(:" + parameter + " as text)])";
	}

}
