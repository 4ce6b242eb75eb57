package cn.mailbox.moderation.workflow;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import cn.mailbox.moderation.calendar.Deadline;
import cn.mailbox.moderation.calendar.Deadlines;
import cn.mailbox.moderation.calendar.TimerBasis;
import cn.mailbox.moderation.letter.LetterState;
import cn.mailbox.moderation.workflow.Refusal.Kind;
import cn.mailbox.moderation.workflow.WorkflowAction.Accept;
import cn.mailbox.moderation.workflow.WorkflowAction.Approve;
import cn.mailbox.moderation.workflow.WorkflowAction.Assign;
import cn.mailbox.moderation.workflow.WorkflowAction.Close;
import cn.mailbox.moderation.workflow.WorkflowAction.ConfirmSpam;
import cn.mailbox.moderation.workflow.WorkflowAction.Defer;
import cn.mailbox.moderation.workflow.WorkflowAction.DenyExtension;
import cn.mailbox.moderation.workflow.WorkflowAction.DirectReply;
import cn.mailbox.moderation.workflow.WorkflowAction.Disclose;
import cn.mailbox.moderation.workflow.WorkflowAction.Escalate;
import cn.mailbox.moderation.workflow.WorkflowAction.Forward;
import cn.mailbox.moderation.workflow.WorkflowAction.GrantExtension;
import cn.mailbox.moderation.workflow.WorkflowAction.Instruct;
import cn.mailbox.moderation.workflow.WorkflowAction.Investigate;
import cn.mailbox.moderation.workflow.WorkflowAction.JointAssign;
import cn.mailbox.moderation.workflow.WorkflowAction.Keep;
import cn.mailbox.moderation.workflow.WorkflowAction.Merge;
import cn.mailbox.moderation.workflow.WorkflowAction.Reject;
import cn.mailbox.moderation.workflow.WorkflowAction.RejectReply;
import cn.mailbox.moderation.workflow.WorkflowAction.Release;
import cn.mailbox.moderation.workflow.WorkflowAction.Remind;
import cn.mailbox.moderation.workflow.WorkflowAction.Reopen;
import cn.mailbox.moderation.workflow.WorkflowAction.Reply;
import cn.mailbox.moderation.workflow.WorkflowAction.ReportUp;
import cn.mailbox.moderation.workflow.WorkflowAction.RequestExtension;
import cn.mailbox.moderation.workflow.WorkflowAction.ReturnLetter;
import cn.mailbox.moderation.workflow.WorkflowAction.Sign;
import cn.mailbox.moderation.workflow.WorkflowAction.Withdraw;

import static cn.mailbox.moderation.letter.LetterState.ACCEPTED;
import static cn.mailbox.moderation.letter.LetterState.APPROVED;
import static cn.mailbox.moderation.letter.LetterState.ASSIGNED;
import static cn.mailbox.moderation.letter.LetterState.CLOSED;
import static cn.mailbox.moderation.letter.LetterState.DEFERRED;
import static cn.mailbox.moderation.letter.LetterState.ESCALATED;
import static cn.mailbox.moderation.letter.LetterState.FORWARDED;
import static cn.mailbox.moderation.letter.LetterState.INVESTIGATING;
import static cn.mailbox.moderation.letter.LetterState.IN_PROGRESS;
import static cn.mailbox.moderation.letter.LetterState.KEPT;
import static cn.mailbox.moderation.letter.LetterState.PUBLISHED;
import static cn.mailbox.moderation.letter.LetterState.QUARANTINED;
import static cn.mailbox.moderation.letter.LetterState.RECEIVED;
import static cn.mailbox.moderation.letter.LetterState.REJECTED;
import static cn.mailbox.moderation.letter.LetterState.REPLIED;

/**
 * The letter lifecycle: the one place that says which step is allowed in which state, for
 * whom, and what it leads to. Pure: it reads {@link LetterFacts}, an {@link Actor} and a
 * {@link WorkflowAction} and answers a {@link Transition} or a {@link Refusal}; the only
 * outside input is the clock inside {@link Deadlines} (timers, the extension limit).
 * <p>
 * A step is checked in this order, and the first failure answers:
 * <ol>
 * <li>no role of the actor may ever take this step → 403;</li>
 * <li>the actor's mailbox or unit does not reach this letter → 403;</li>
 * <li>the step is not in the state table for the letter's state → 409;</li>
 * <li>the step's rule for this letter fails (not the lead unit → 403; already signed, no
 * pending request, limit passed, investigation, not public, no dissatisfied rating →
 * 409);</li>
 * <li>the step's fields do not fit the letter (a promised date not after today,
 * disclosing the letter of a citizen who refused publication) → 422.</li>
 * </ol>
 * The state table is documented in the module's README ("Workflow").
 *
 * <pre>{@code
 * LetterStateMachine machine = new LetterStateMachine(deadlines);
 * switch (machine.decide(facts, actor, new WorkflowAction.Assign("water", "Fix it", null))) {
 *     case Transition step -> save(step.after(), step.event(), step.actor(), step.at());
 *     case Refusal refusal -> respond(refusal.kind().httpStatus(), refusal.message());
 * }
 * }</pre>
 */
public final class LetterStateMachine {

	/** Which hat a step is taken in. */
	private enum Capacity {

		MODERATOR, UNIT, LEADER

	}

	private static final Map<ActionKind, Capacity> CAPACITY = new EnumMap<>(ActionKind.class);

	private static final Map<ActionKind, Set<LetterState>> FROM = new EnumMap<>(ActionKind.class);

	static {
		moderator(ActionKind.RELEASE, QUARANTINED);
		moderator(ActionKind.CONFIRM_SPAM, QUARANTINED);
		moderator(ActionKind.ACCEPT, RECEIVED, DEFERRED);
		moderator(ActionKind.REJECT, RECEIVED);
		moderator(ActionKind.KEEP, RECEIVED);
		moderator(ActionKind.DEFER, RECEIVED);
		moderator(ActionKind.MERGE, RECEIVED);
		moderator(ActionKind.REPORT_UP, RECEIVED, ACCEPTED);
		moderator(ActionKind.DIRECT_REPLY, ACCEPTED);
		moderator(ActionKind.ASSIGN, ACCEPTED);
		moderator(ActionKind.FORWARD, ACCEPTED);
		moderator(ActionKind.ESCALATE, ACCEPTED);
		moderator(ActionKind.INVESTIGATE, ACCEPTED);
		rule(ActionKind.INSTRUCT, Capacity.LEADER, ESCALATED, INVESTIGATING);
		rule(ActionKind.SIGN, Capacity.UNIT, ASSIGNED, IN_PROGRESS);
		rule(ActionKind.RETURN, Capacity.UNIT, ASSIGNED, IN_PROGRESS);
		rule(ActionKind.REQUEST_EXTENSION, Capacity.UNIT, IN_PROGRESS);
		rule(ActionKind.REPLY, Capacity.UNIT, IN_PROGRESS);
		moderator(ActionKind.GRANT_EXTENSION, IN_PROGRESS);
		moderator(ActionKind.DENY_EXTENSION, IN_PROGRESS);
		moderator(ActionKind.REMIND, ASSIGNED, IN_PROGRESS);
		moderator(ActionKind.REJECT_REPLY, REPLIED);
		moderator(ActionKind.APPROVE, REPLIED);
		moderator(ActionKind.DISCLOSE, APPROVED);
		moderator(ActionKind.WITHDRAW, LetterState.values());
		moderator(ActionKind.REOPEN, APPROVED, PUBLISHED, CLOSED);
		moderator(ActionKind.CLOSE, ACCEPTED, REJECTED, KEPT, DEFERRED, FORWARDED, APPROVED, PUBLISHED);
	}

	private static final DeadlineChange UNCHANGED = new DeadlineChange.Unchanged();

	private static final DeadlineChange CLEARED = new DeadlineChange.Cleared();

	private final Deadlines deadlines;

	public LetterStateMachine(Deadlines deadlines) {
		this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
	}

	/**
	 * The state table without roles: the steps that can be taken in a state at all.
	 * @param state a state
	 * @return its steps, in declaration order
	 */
	public static Set<ActionKind> actionsIn(LetterState state) {
		Set<ActionKind> kinds = EnumSet.noneOf(ActionKind.class);
		FROM.forEach((kind, states) -> {
			if (states.contains(state)) {
				kinds.add(kind);
			}
		});
		return Collections.unmodifiableSet(kinds);
	}

	/**
	 * Decides one step.
	 * @param facts the letter as it stands
	 * @param actor who asks
	 * @param action the step with its fields
	 * @return the transition to apply, or why not
	 */
	public Decision decide(LetterFacts facts, Actor actor, WorkflowAction action) {
		Objects.requireNonNull(facts, "facts");
		Objects.requireNonNull(actor, "actor");
		Objects.requireNonNull(action, "action");
		Optional<Refusal> refusal = check(facts, actor, action.kind());
		if (refusal.isPresent()) {
			return refusal.get();
		}
		return switch (action) {
			case Accept accept ->
				step(facts, actor, action, "LetterAccepted", facts.withState(ACCEPTED)).notifyingCitizen();
			case Reject reject ->
				step(facts, actor, action, "LetterRejected", facts.withState(REJECTED)).notifyingCitizen();
			case Keep keep -> step(facts, actor, action, "LetterKept", facts.withState(KEPT));
			case Defer defer -> step(facts, actor, action, "LetterDeferred", facts.withState(DEFERRED));
			case Release release -> step(facts, actor, action, "LetterReleased", facts.withState(RECEIVED));
			case ConfirmSpam spam -> step(facts, actor, action, "SpamConfirmed", facts.withState(CLOSED));
			case Merge merge -> step(facts, actor, action, "LetterMerged", facts.withState(CLOSED));
			case DirectReply reply -> directReply(facts, actor, reply);
			case Assign assign -> assign(facts, actor, assign, List.of(assign.unit()), assign.unit(),
					assign.limitDays(), "LetterAssigned");
			case JointAssign joint ->
				assign(facts, actor, joint, joint.units(), joint.lead(), joint.limitDays(), "LetterAssignedJointly");
			case Forward forward ->
				step(facts, actor, action, "LetterForwarded", facts.withState(FORWARDED)).notifyingCitizen()
					.notifying(Set.of(forward.unit()));
			case Escalate escalate -> step(facts, actor, action, "LetterEscalated",
					facts.toBuilder().state(ESCALATED).escalatedTo(escalate.leader()).build());
			case Instruct instruct -> step(facts, actor, action, "LeaderInstructed",
					facts.toBuilder().state(ACCEPTED).leaderInstructed(true).build());
			case Investigate investigate -> step(facts, actor, action, "InvestigationOpened",
					facts.toBuilder().state(INVESTIGATING).restricted(true).build());
			case ReportUp reportUp -> reportUp(facts, actor, reportUp);
			case Sign sign -> sign(facts, actor, sign);
			case ReturnLetter returned -> returnLetter(facts, actor, returned);
			case RequestExtension request -> step(facts, actor, action, "ExtensionRequested",
					facts.toBuilder()
						.pendingExtension(new ExtensionRequest(actor.unit(), request.days(), request.reason()))
						.build());
			case GrantExtension grant -> grantExtension(facts, actor, grant);
			case DenyExtension deny ->
				step(facts, actor, action, "ExtensionDenied", facts.toBuilder().pendingExtension(null).build())
					.notifying(Set.of(facts.pendingExtension().unit()));
			case Reply reply -> reply(facts, actor, reply);
			case Remind remind ->
				step(facts, actor, action, "UnitsReminded", facts).notifying(Set.copyOf(facts.assignedUnits()));
			case RejectReply rejectReply -> step(facts, actor, action, "ReplyRejected",
					facts.withState(facts.assignedUnits().isEmpty() ? ACCEPTED : IN_PROGRESS))
				.notifying(Set.copyOf(facts.assignedUnits()));
			case Approve approve ->
				step(facts, actor, action, "ReplyApproved", facts.withState(APPROVED)).notifyingCitizen();
			case Disclose disclose -> disclose(facts, actor, disclose);
			case Withdraw withdraw -> step(facts, actor, action, "PublicationWithdrawn",
					facts.toBuilder()
						.state((facts.state() == PUBLISHED) ? APPROVED : facts.state())
						.published(false)
						.build());
			case Reopen reopen -> reopen(facts, actor, reopen);
			case Close close -> step(facts, actor, action, "LetterClosed", facts.withState(CLOSED));
		};
	}

	/**
	 * The steps this person may take on this letter now, for the console's buttons. The
	 * steps' own fields are not known yet, so a step listed here can still be refused for
	 * them (422).
	 * @param facts the letter as it stands
	 * @param actor who looks
	 * @return the allowed steps, in declaration order
	 */
	public Set<ActionKind> allowedActions(LetterFacts facts, Actor actor) {
		Set<ActionKind> allowed = EnumSet.noneOf(ActionKind.class);
		for (ActionKind kind : ActionKind.values()) {
			if (check(facts, actor, kind).isEmpty()) {
				allowed.add(kind);
			}
		}
		return Collections.unmodifiableSet(allowed);
	}

	private Optional<Refusal> check(LetterFacts facts, Actor actor, ActionKind kind) {
		Capacity capacity = CAPACITY.get(kind);
		if (!holds(actor, capacity)) {
			return refuse(Kind.FORBIDDEN_FOR_ROLE_OR_UNIT, kind, facts,
					actor.username() + " has no role that may " + kind.code() + " (needs " + needed(capacity) + ")");
		}
		if (!reaches(actor, capacity, facts)) {
			return refuse(Kind.FORBIDDEN_FOR_ROLE_OR_UNIT, kind, facts, "This letter is not in " + actor.username()
					+ "'s " + ((capacity == Capacity.UNIT) ? "unit's assignments" : "mailbox"));
		}
		if (!FROM.get(kind).contains(facts.state())) {
			return refuse(Kind.NOT_ALLOWED_IN_STATE, kind, facts, "Cannot " + kind.code() + " a letter that is "
					+ facts.state().code() + " (allowed when " + codes(FROM.get(kind)) + ")");
		}
		return rule(facts, actor, kind);
	}

	private Optional<Refusal> rule(LetterFacts facts, Actor actor, ActionKind kind) {
		boolean lead = Objects.equals(actor.unit(), facts.leadUnit());
		return switch (kind) {
			case ACCEPT -> (facts.nature().requiresIdentity() && !facts.identified())
					? refuse(Kind.NOT_ALLOWED_IN_STATE, kind, facts,
							"A " + facts.nature().code()
									+ " needs a real name and a contact: reject it (missing_identity) or defer it")
					: Optional.empty();
			case REPORT_UP -> facts.inMayorsMailbox()
					? refuse(Kind.NOT_ALLOWED_IN_STATE, kind, facts, "The letter is already in the mayor's mailbox")
					: Optional.empty();
			case INSTRUCT -> (facts.escalatedTo() != null && !facts.escalatedTo().equals(actor.username()))
					? refuse(Kind.FORBIDDEN_FOR_ROLE_OR_UNIT, kind, facts,
							"The letter was escalated to " + facts.escalatedTo() + ", not " + actor.username())
					: Optional.empty();
			case SIGN -> facts.signedUnits().contains(actor.unit())
					? refuse(Kind.NOT_ALLOWED_IN_STATE, kind, facts, actor.unit() + " has already signed for it")
					: Optional.empty();
			case REPLY -> lead ? Optional.empty() : refuse(Kind.FORBIDDEN_FOR_ROLE_OR_UNIT, kind, facts,
					"Only the lead unit " + facts.leadUnit() + " replies");
			case REQUEST_EXTENSION -> requestExtensionRule(facts, kind, lead);
			case GRANT_EXTENSION,
					DENY_EXTENSION ->
				(facts.pendingExtension() == null)
						? refuse(Kind.NOT_ALLOWED_IN_STATE, kind, facts, "No extension request is pending")
						: Optional.empty();
			case DISCLOSE -> facts.restricted()
					? refuse(Kind.NOT_ALLOWED_IN_STATE, kind, facts, "An investigation is never published")
					: Optional.empty();
			case WITHDRAW -> facts.published() ? Optional.empty()
					: refuse(Kind.NOT_ALLOWED_IN_STATE, kind, facts, "The letter is not public");
			case REOPEN -> facts.dissatisfiedFeedback() ? Optional.empty() : refuse(Kind.NOT_ALLOWED_IN_STATE, kind,
					facts, "A review is reopened on a dissatisfied rating, and there is none");
			default -> Optional.empty();
		};
	}

	private Optional<Refusal> requestExtensionRule(LetterFacts facts, ActionKind kind, boolean lead) {
		if (!lead) {
			return refuse(Kind.FORBIDDEN_FOR_ROLE_OR_UNIT, kind, facts,
					"Only the lead unit " + facts.leadUnit() + " asks for an extension");
		}
		if (facts.pendingExtension() != null) {
			return refuse(Kind.NOT_ALLOWED_IN_STATE, kind, facts, "An extension request is already pending");
		}
		if (facts.deadline() == null || this.deadlines.isOverdue(facts.deadline())) {
			return refuse(Kind.NOT_ALLOWED_IN_STATE, kind, facts,
					"An extension must be asked for before the limit passes"
							+ ((facts.deadline() != null) ? " (" + facts.deadline().dueDate() + ")" : ""));
		}
		return Optional.empty();
	}

	private Decision directReply(LetterFacts facts, Actor actor, DirectReply reply) {
		Deadline deadline = this.deadlines.start(facts.nature(), TimerBasis.DIRECT_REPLY, facts.receivedAt(), null);
		return step(facts, actor, reply, "LetterRepliedDirectly",
				facts.toBuilder().state(REPLIED).deadline(deadline).build())
			.changing(new DeadlineChange.Started(deadline));
	}

	private Decision assign(LetterFacts facts, Actor actor, WorkflowAction action, List<String> units, String lead,
			Integer limitDays, String event) {
		TimerBasis basis = (units.size() > 1) ? TimerBasis.JOINT_HANDLING
				: facts.leaderInstructed() ? TimerBasis.LEADER_INSTRUCTION : TimerBasis.ASSIGNMENT;
		Deadline deadline = this.deadlines.startNow(facts.nature(), basis, limitDays);
		LetterFacts after = facts.toBuilder()
			.state(ASSIGNED)
			.assignment(units, lead)
			.signedUnits(Set.of())
			.pendingExtension(null)
			.committedDate(null)
			.deadline(deadline)
			.build();
		return step(facts, actor, action, event, after).changing(new DeadlineChange.Started(deadline))
			.notifying(Set.copyOf(units));
	}

	private Decision reportUp(LetterFacts facts, Actor actor, ReportUp reportUp) {
		LetterFacts after = facts.toBuilder().state(RECEIVED).mailboxUnit(null).deadline(null).build();
		return step(facts, actor, reportUp, "LetterReportedUp", after)
			.changing((facts.deadline() != null) ? CLEARED : UNCHANGED);
	}

	private Decision sign(LetterFacts facts, Actor actor, Sign sign) {
		Set<String> signed = new LinkedHashSet<>(facts.signedUnits());
		signed.add(actor.unit());
		LetterState to = actor.unit().equals(facts.leadUnit()) ? IN_PROGRESS : facts.state();
		return step(facts, actor, sign, "LetterSigned", facts.toBuilder().state(to).signedUnits(signed).build());
	}

	private Decision returnLetter(LetterFacts facts, Actor actor, ReturnLetter returned) {
		if (actor.unit().equals(facts.leadUnit())) {
			Set<String> others = new LinkedHashSet<>(facts.assignedUnits());
			others.remove(actor.unit());
			return step(facts, actor, returned, "LetterReturned", unassigned(facts).state(ACCEPTED).build())
				.changing(CLEARED)
				.notifying(others);
		}
		List<String> remaining = facts.assignedUnits().stream().filter((unit) -> !unit.equals(actor.unit())).toList();
		Set<String> signed = new LinkedHashSet<>(facts.signedUnits());
		signed.remove(actor.unit());
		return step(facts, actor, returned, "LetterReturned",
				facts.toBuilder().assignment(remaining, facts.leadUnit()).signedUnits(signed).build());
	}

	private Decision grantExtension(LetterFacts facts, Actor actor, GrantExtension grant) {
		ExtensionRequest request = facts.pendingExtension();
		int days = (grant.days() != null) ? grant.days() : request.days();
		Deadline extended = this.deadlines.extend(facts.deadline(), days);
		return step(facts, actor, grant, "ExtensionGranted",
				facts.toBuilder().pendingExtension(null).deadline(extended).build())
			.changing(new DeadlineChange.Extended(extended, days))
			.notifying(Set.of(request.unit()));
	}

	private Decision reply(LetterFacts facts, Actor actor, Reply reply) {
		if (!reply.interim()) {
			return step(facts, actor, reply, "LetterReplied",
					facts.toBuilder().state(REPLIED).pendingExtension(null).build());
		}
		if (!reply.committedDate().isAfter(this.deadlines.today())) {
			return new Refusal(Kind.INVALID_FOR_LETTER, reply.kind(), facts.state(),
					"The committed date " + reply.committedDate() + " must be after today");
		}
		return step(facts, actor, reply, "InterimReplyGiven",
				facts.toBuilder().committedDate(reply.committedDate()).build())
			.notifyingCitizen();
	}

	private Decision disclose(LetterFacts facts, Actor actor, Disclose disclose) {
		// The title and the reply tell the letter's matter as well as the letter does: a
		// writer who refused publication gets nothing public (the reply reaches them on
		// the
		// tracking page).
		if (!facts.publicationConsent()) {
			return new Refusal(Kind.INVALID_FOR_LETTER, disclose.kind(), facts.state(),
					"The citizen did not agree to publication: nothing of this letter is published");
		}
		return step(facts, actor, disclose, "LetterPublished",
				facts.toBuilder().state(PUBLISHED).published(true).build())
			.notifyingCitizen();
	}

	private Decision reopen(LetterFacts facts, Actor actor, Reopen reopen) {
		LetterFacts after = unassigned(facts).state(ACCEPTED)
			.dissatisfiedFeedback(false)
			.escalatedTo(null)
			.leaderInstructed(false)
			.build();
		return step(facts, actor, reopen, "LetterReopened", after).changing(CLEARED).notifyingCitizen();
	}

	private static LetterFacts.Builder unassigned(LetterFacts facts) {
		return facts.toBuilder()
			.assignment(List.of(), null)
			.signedUnits(Set.of())
			.pendingExtension(null)
			.committedDate(null)
			.deadline(null);
	}

	private Transition step(LetterFacts facts, Actor actor, WorkflowAction action, String event, LetterFacts after) {
		return new Transition(facts.state(), after.state(), event, action, actor, this.deadlines.now(), after,
				UNCHANGED, false, Set.of());
	}

	private static boolean holds(Actor actor, Capacity capacity) {
		return switch (capacity) {
			case MODERATOR -> actor.has(Role.ADMIN) || actor.has(Role.MODERATOR);
			case UNIT -> actor.has(Role.UNIT_OFFICER);
			case LEADER -> actor.has(Role.LEADER);
		};
	}

	private static boolean reaches(Actor actor, Capacity capacity, LetterFacts facts) {
		return switch (capacity) {
			case MODERATOR -> actor.has(Role.ADMIN) || actor.mayorsMailbox()
					|| (actor.unit() != null && actor.unit().equals(facts.mailboxUnit()));
			case UNIT -> facts.assignedUnits().contains(actor.unit());
			case LEADER -> true;
		};
	}

	private static String needed(Capacity capacity) {
		return switch (capacity) {
			case MODERATOR -> "moderator or admin";
			case UNIT -> "unit_officer";
			case LEADER -> "leader";
		};
	}

	private static String codes(Set<LetterState> states) {
		return String.join(", ", states.stream().map(LetterState::code).toList());
	}

	private static Optional<Refusal> refuse(Kind kind, ActionKind action, LetterFacts facts, String message) {
		return Optional.of(new Refusal(kind, action, facts.state(), message));
	}

	private static void moderator(ActionKind kind, LetterState... from) {
		rule(kind, Capacity.MODERATOR, from);
	}

	private static void rule(ActionKind kind, Capacity capacity, LetterState... from) {
		CAPACITY.put(kind, capacity);
		FROM.put(kind, Collections.unmodifiableSet(EnumSet.copyOf(List.of(from))));
	}

}
