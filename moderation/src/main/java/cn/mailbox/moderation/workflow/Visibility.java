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
			condition.append(" or (not restricted and :actorUnit = any(assigned_units))");
		}
		return condition.append(")").toString();
	}

}
