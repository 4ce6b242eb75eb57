package cn.mailbox.moderation.workflow;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import cn.mailbox.moderation.calendar.DeadlineStatus;
import cn.mailbox.moderation.calendar.TimerBasis;
import cn.mailbox.moderation.letter.LetterState;
import cn.mailbox.moderation.letter.Nature;
import cn.mailbox.moderation.workflow.Refusal.Kind;
import cn.mailbox.moderation.workflow.WorkflowAction.Accept;
import cn.mailbox.moderation.workflow.WorkflowAction.Approve;
import cn.mailbox.moderation.workflow.WorkflowAction.Assign;
import cn.mailbox.moderation.workflow.WorkflowAction.Close;
import cn.mailbox.moderation.workflow.WorkflowAction.ConfirmSpam;
import cn.mailbox.moderation.workflow.WorkflowAction.DenyExtension;
import cn.mailbox.moderation.workflow.WorkflowAction.DirectReply;
import cn.mailbox.moderation.workflow.WorkflowAction.Disclose;
import cn.mailbox.moderation.workflow.WorkflowAction.Escalate;
import cn.mailbox.moderation.workflow.WorkflowAction.GrantExtension;
import cn.mailbox.moderation.workflow.WorkflowAction.Instruct;
import cn.mailbox.moderation.workflow.WorkflowAction.Investigate;
import cn.mailbox.moderation.workflow.WorkflowAction.JointAssign;
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
import org.junit.jupiter.api.Test;

import static cn.mailbox.moderation.workflow.WorkflowFixtures.FRIDAY;
import static cn.mailbox.moderation.workflow.WorkflowFixtures.LEADER;
import static cn.mailbox.moderation.workflow.WorkflowFixtures.MODERATOR;
import static cn.mailbox.moderation.workflow.WorkflowFixtures.POWER;
import static cn.mailbox.moderation.workflow.WorkflowFixtures.WATER;
import static cn.mailbox.moderation.workflow.WorkflowFixtures.at;
import static cn.mailbox.moderation.workflow.WorkflowFixtures.machineAt;
import static cn.mailbox.moderation.workflow.WorkflowFixtures.newComplaint;
import static org.assertj.core.api.Assertions.assertThat;

class LetterStateMachineTests {

	private final LetterStateMachine machine = machineAt(FRIDAY);

	@Test
	void takesALetterFromAcceptanceThroughARejectedReplyToPublication() {
		Letter letter = new Letter(this.machine, newComplaint());

		letter.step(MODERATOR, new Accept(null))
			.step(MODERATOR, new Assign("water", "Please repair the pipe.", null))
			.step(WATER, new Sign(null))
			.step(WATER, new Reply("We will look.", false, null))
			.step(MODERATOR, new RejectReply("Say when it is repaired."))
			.step(WATER, new Reply("Repaired on 12 March.", false, null))
			.step(MODERATOR, new Approve(null))
			.step(MODERATOR, new Disclose(true, true, null));

		assertThat(letter.states()).containsExactly(LetterState.ACCEPTED, LetterState.ASSIGNED, LetterState.IN_PROGRESS,
				LetterState.REPLIED, LetterState.IN_PROGRESS, LetterState.REPLIED, LetterState.APPROVED,
				LetterState.PUBLISHED);
		assertThat(letter.events()).containsExactly("LetterAccepted", "LetterAssigned", "LetterSigned", "LetterReplied",
				"ReplyRejected", "LetterReplied", "ReplyApproved", "LetterPublished");
		assertThat(letter.facts.published()).isTrue();
		// Complaint, 5 working days after Friday 8 March: Friday 15 March.
		assertThat(letter.facts.deadline().dueDate()).isEqualTo(LocalDate.of(2024, 3, 15));
		assertThat(letter.transitions.get(1).deadlineChange()).isInstanceOf(DeadlineChange.Started.class);
		assertThat(letter.transitions.get(1).notifyUnits()).containsExactly("water");
		assertThat(letter.transitions.get(4).notifyUnits()).containsExactly("water");
		assertThat(letter.transitions.get(6).notifyCitizen()).isTrue();
		assertThat(letter.transitions.get(0).at()).isEqualTo(FRIDAY);
	}

	@Test
	void routesAnEscalatedLetterAsTheLeaderInstructs() {
		Letter letter = new Letter(this.machine, newComplaint());
		letter.step(MODERATOR, new Accept(null)).step(MODERATOR, new Escalate("boss", "Flooding in three streets."));

		assertThat(letter.attempt(Actor.leader("deputy"), new Instruct("Me?"))).extracting(Refusal::kind)
			.isEqualTo(Kind.FORBIDDEN_FOR_ROLE_OR_UNIT);
		assertThat(letter.attempt(MODERATOR, new Instruct("Me?"))).extracting(Refusal::kind)
			.isEqualTo(Kind.FORBIDDEN_FOR_ROLE_OR_UNIT);

		letter.step(LEADER, new Instruct("Water bureau to fix it this week."))
			.step(MODERATOR, new Assign("water", "As the mayor instructed.", null));

		assertThat(letter.events()).containsExactly("LetterAccepted", "LetterEscalated", "LeaderInstructed",
				"LetterAssigned");
		assertThat(letter.facts.leaderInstructed()).isTrue();
		assertThat(letter.facts.deadline().basis()).isEqualTo(TimerBasis.LEADER_INSTRUCTION);
		assertThat(letter.facts.deadline().limitDays()).isEqualTo(10);
		assertThat(letter.facts.deadline().dueDate()).isEqualTo(LocalDate.of(2024, 3, 22));
	}

	@Test
	void aModeratorsLimitOverridesTheInstructionRule() {
		Letter letter = new Letter(this.machine, newComplaint());
		letter.step(MODERATOR, new Accept(null))
			.step(MODERATOR, new Escalate(null, null))
			.step(LEADER, new Instruct("Quickly."))
			.step(MODERATOR, new Assign("water", null, 2));

		assertThat(letter.facts.deadline().dueDate()).isEqualTo(LocalDate.of(2024, 3, 12));
	}

	@Test
	void aUnitReturnsAMisroutedLetterToTheModerator() {
		Letter letter = new Letter(this.machine, newComplaint());
		letter.step(MODERATOR, new Accept(null))
			.step(MODERATOR, new Assign("water", null, null))
			.step(WATER, new Sign(null));

		assertThat(letter.attempt(POWER, new ReturnLetter("Not ours either."))).extracting(Refusal::kind)
			.isEqualTo(Kind.FORBIDDEN_FOR_ROLE_OR_UNIT);

		letter.step(WATER, new ReturnLetter("This is about gas."));

		assertThat(letter.facts.state()).isEqualTo(LetterState.ACCEPTED);
		assertThat(letter.facts.assignedUnits()).isEmpty();
		assertThat(letter.facts.deadline()).isNull();
		assertThat(letter.last().deadlineChange()).isInstanceOf(DeadlineChange.Cleared.class);
		assertThat(letter.attempt(WATER, new Sign(null))).extracting(Refusal::kind)
			.isEqualTo(Kind.FORBIDDEN_FOR_ROLE_OR_UNIT);

		letter.step(MODERATOR, new Assign("gas", null, null));
		assertThat(letter.facts.assignedUnits()).containsExactly("gas");
	}

	@Test
	void handlesALetterJointlyWithALeadUnitThatReplies() {
		Letter letter = new Letter(this.machine, newComplaint());
		letter.step(MODERATOR, new Accept(null))
			.step(MODERATOR, new JointAssign(List.of("water", "power", "roads"), "water", "Together, please.", null));

		assertThat(letter.last().event()).isEqualTo("LetterAssignedJointly");
		assertThat(letter.last().notifyUnits()).containsExactlyInAnyOrder("water", "power", "roads");
		assertThat(letter.facts.deadline().basis()).isEqualTo(TimerBasis.JOINT_HANDLING);
		assertThat(letter.facts.deadline().dueDate()).isEqualTo(LocalDate.of(2024, 3, 22));

		letter.step(POWER, new Sign(null));
		assertThat(letter.facts.state()).as("a co-unit's signature").isEqualTo(LetterState.ASSIGNED);
		letter.step(WATER, new Sign(null));
		assertThat(letter.facts.state()).as("the lead's signature").isEqualTo(LetterState.IN_PROGRESS);

		assertThat(letter.attempt(POWER, new Sign(null))).extracting(Refusal::kind)
			.isEqualTo(Kind.NOT_ALLOWED_IN_STATE);
		assertThat(letter.attempt(POWER, new Reply("Done our part.", false, null))).extracting(Refusal::kind)
			.isEqualTo(Kind.FORBIDDEN_FOR_ROLE_OR_UNIT);
		assertThat(letter.attempt(POWER, new RequestExtension(3, "Slow."))).extracting(Refusal::kind)
			.isEqualTo(Kind.FORBIDDEN_FOR_ROLE_OR_UNIT);

		letter.step(Actor.unitOfficer("zhao", "roads"), new ReturnLetter("No road involved."));
		assertThat(letter.facts.state()).as("a co-unit leaving").isEqualTo(LetterState.IN_PROGRESS);
		assertThat(letter.facts.assignedUnits()).containsExactly("water", "power");

		letter.step(WATER, new Reply("Both repaired.", false, null));
		assertThat(letter.facts.state()).isEqualTo(LetterState.REPLIED);
	}

	@Test
	void grantsAnExtensionAskedBeforeTheLimitPasses() {
		LetterFacts inProgress = inProgressComplaint();

		Letter letter = new Letter(machineAt(at("2024-03-14T09:00")), inProgress);
		letter.step(WATER, new RequestExtension(2, "Parts on order."));
		assertThat(letter.facts.pendingExtension()).isEqualTo(new ExtensionRequest("water", 2, "Parts on order."));
		assertThat(letter.attempt(WATER, new RequestExtension(1, "Again."))).extracting(Refusal::kind)
			.isEqualTo(Kind.NOT_ALLOWED_IN_STATE);

		// The moderator decides after the original limit (Fri 15 March) has passed.
		letter.machine = machineAt(at("2024-03-18T09:00"));
		letter.step(MODERATOR, new GrantExtension(null, "Granted."));

		assertThat(letter.facts.pendingExtension()).isNull();
		// Two more working days after Friday 15 March: Monday 18, Tuesday 19.
		assertThat(letter.facts.deadline().dueDate()).isEqualTo(LocalDate.of(2024, 3, 19));
		assertThat(letter.last().deadlineChange()).isEqualTo(new DeadlineChange.Extended(letter.facts.deadline(), 2));
		assertThat(letter.last().notifyUnits()).containsExactly("water");
	}

	@Test
	void refusesAnExtensionAskedAfterTheLimitPassed() {
		LetterFacts inProgress = inProgressComplaint();

		Decision lastMinute = machineAt(at("2024-03-15T23:59")).decide(inProgress, WATER,
				new RequestExtension(2, "Late."));
		Decision tooLate = machineAt(at("2024-03-16T00:01")).decide(inProgress, WATER,
				new RequestExtension(2, "Late."));

		assertThat(lastMinute).isInstanceOf(Transition.class);
		assertThat(tooLate).isInstanceOfSatisfying(Refusal.class, (refusal) -> {
			assertThat(refusal.kind()).isEqualTo(Kind.NOT_ALLOWED_IN_STATE);
			assertThat(refusal.message()).contains("before the limit passes").contains("2024-03-15");
		});
	}

	@Test
	void deniesAnExtensionAndKeepsTheDeadline() {
		Letter letter = new Letter(this.machine, inProgressComplaint());
		letter.step(WATER, new RequestExtension(5, "Busy."));
		letter.step(MODERATOR, new DenyExtension("Five days is enough."));

		assertThat(letter.facts.pendingExtension()).isNull();
		assertThat(letter.facts.deadline().dueDate()).isEqualTo(LocalDate.of(2024, 3, 15));
		assertThat(letter.attempt(MODERATOR, new GrantExtension(1, null))).extracting(Refusal::kind)
			.isEqualTo(Kind.NOT_ALLOWED_IN_STATE);
	}

	@Test
	void anInterimReplyKeepsTheLetterInProgressWithACommittedDate() {
		Letter letter = new Letter(this.machine, inProgressComplaint());

		assertThat(letter.attempt(WATER, new Reply("Soon.", true, LocalDate.of(2024, 3, 8))))
			.satisfies((refusal) -> assertThat(refusal.kind().httpStatus()).isEqualTo(422));

		letter.step(WATER, new Reply("The main is replaced by April.", true, LocalDate.of(2024, 4, 30)));

		assertThat(letter.facts.state()).isEqualTo(LetterState.IN_PROGRESS);
		assertThat(letter.facts.interimReplyGiven()).isTrue();
		assertThat(letter.facts.committedDate()).isEqualTo(LocalDate.of(2024, 4, 30));
		assertThat(letter.last().event()).isEqualTo("InterimReplyGiven");
		assertThat(letter.last().notifyCitizen()).isTrue();
	}

	@Test
	void remindsTheUnitsOfAnAssignedLetter() {
		LetterFacts inProgress = inProgressComplaint();
		DeadlineStatus status = WorkflowFixtures.deadlinesAt(at("2024-03-14T09:00")).status(inProgress.deadline());
		assertThat(status.reminderDue()).as("one working day before the deadline").isTrue();

		Decision reminder = machineAt(at("2024-03-14T09:00")).decide(inProgress, Actor.system(), new Remind(null));

		assertThat(reminder).isInstanceOfSatisfying(Transition.class, (step) -> {
			assertThat(step.event()).isEqualTo("UnitsReminded");
			assertThat(step.to()).isEqualTo(LetterState.IN_PROGRESS);
			assertThat(step.notifyUnits()).containsExactly("water");
		});
	}

	@Test
	void neverDisclosesAnInvestigation() {
		Letter letter = new Letter(this.machine, newComplaint());
		letter.step(MODERATOR, new Accept(null))
			.step(MODERATOR, new Investigate("Concerns an official."))
			.step(LEADER, new Instruct("Discipline office to investigate."))
			.step(MODERATOR, new Assign("discipline", null, null))
			.step(Actor.unitOfficer("zhou", "discipline"), new Sign(null))
			.step(Actor.unitOfficer("zhou", "discipline"), new Reply("Findings sent to the writer.", false, null))
			.step(MODERATOR, new Approve(null));

		assertThat(letter.facts.restricted()).isTrue();
		assertThat(letter.attempt(MODERATOR, new Disclose(false, true, null))).satisfies((refusal) -> {
			assertThat(refusal.kind()).isEqualTo(Kind.NOT_ALLOWED_IN_STATE);
			assertThat(refusal.message()).contains("never published");
		});
		assertThat(this.machine.allowedActions(letter.facts, MODERATOR)).doesNotContain(ActionKind.DISCLOSE)
			.contains(ActionKind.CLOSE);
	}

	@Test
	void keepsTheLetterPrivateWhenTheCitizenRefusedPublication() {
		LetterFacts approved = newComplaint().toBuilder().state(LetterState.APPROVED).publicationConsent(false).build();

		assertThat(this.machine.decide(approved, MODERATOR, new Disclose(true, true, null))).isInstanceOfSatisfying(
				Refusal.class, (refusal) -> assertThat(refusal.kind()).isEqualTo(Kind.INVALID_FOR_LETTER));
		assertThat(this.machine.decide(approved, MODERATOR, new Disclose(false, true, List.of())))
			.isInstanceOfSatisfying(Refusal.class,
					(refusal) -> assertThat(refusal.kind()).isEqualTo(Kind.INVALID_FOR_LETTER));
	}

	@Test
	void withdrawsAPublishedLetterBackToApproved() {
		LetterFacts published = newComplaint().toBuilder().state(LetterState.PUBLISHED).published(true).build();

		Transition withdrawn = (Transition) this.machine.decide(published, MODERATOR, new Withdraw("Privacy."));
		Transition closedThenWithdrawn = (Transition) this.machine.decide(published.withState(LetterState.CLOSED),
				MODERATOR, new Withdraw("Privacy."));

		assertThat(withdrawn.to()).isEqualTo(LetterState.APPROVED);
		assertThat(withdrawn.after().published()).isFalse();
		assertThat(closedThenWithdrawn.to()).isEqualTo(LetterState.CLOSED);
		assertThat(closedThenWithdrawn.after().published()).isFalse();
	}

	@Test
	void reopensOnADissatisfiedRatingForANewRouting() {
		LetterFacts published = inProgressComplaint().toBuilder().state(LetterState.PUBLISHED).published(true).build();
		assertThat(this.machine.decide(published, MODERATOR, new Reopen("Still leaking."))).isInstanceOfSatisfying(
				Refusal.class, (refusal) -> assertThat(refusal.kind()).isEqualTo(Kind.NOT_ALLOWED_IN_STATE));

		Letter letter = new Letter(this.machine, published.toBuilder().dissatisfiedFeedback(true).build());
		letter.step(MODERATOR, new Reopen("Still leaking."));

		assertThat(letter.facts.state()).isEqualTo(LetterState.ACCEPTED);
		assertThat(letter.facts.assignedUnits()).isEmpty();
		assertThat(letter.facts.deadline()).isNull();
		assertThat(letter.facts.dissatisfiedFeedback()).isFalse();
		assertThat(letter.facts.published()).as("the old reply stays public until a new one").isTrue();
		letter.step(MODERATOR, new Assign("water", "Look again.", null));
		assertThat(letter.facts.deadline().startDay()).isEqualTo(LocalDate.of(2024, 3, 8));
	}

	@Test
	void releasesOrClosesQuarantinedLetters() {
		LetterFacts quarantined = newComplaint().withState(LetterState.QUARANTINED);

		assertThat(((Transition) this.machine.decide(quarantined, MODERATOR, new Release(null))).to())
			.isEqualTo(LetterState.RECEIVED);
		Transition spam = (Transition) this.machine.decide(quarantined, MODERATOR, new ConfirmSpam("Casino ad."));
		assertThat(spam.to()).isEqualTo(LetterState.CLOSED);
		assertThat(spam.event()).isEqualTo("SpamConfirmed");
	}

	@Test
	void aUnitMailboxReportsALetterUpToTheMayorsMailbox() {
		Actor waterModerator = Actor.unitModerator("qian", "water");
		LetterFacts inWaterMailbox = LetterFacts.received(Nature.HELP, "water", FRIDAY, true, true);
		assertThat(this.machine.decide(inWaterMailbox, Actor.unitModerator("sun", "gas"), new Accept(null)))
			.isInstanceOfSatisfying(Refusal.class,
					(refusal) -> assertThat(refusal.kind()).isEqualTo(Kind.FORBIDDEN_FOR_ROLE_OR_UNIT));

		Letter letter = new Letter(this.machine, inWaterMailbox);
		letter.step(waterModerator, new Accept(null)).step(waterModerator, new ReportUp("City-wide matter."));

		assertThat(letter.facts.state()).isEqualTo(LetterState.RECEIVED);
		assertThat(letter.facts.inMayorsMailbox()).isTrue();
		assertThat(letter.attempt(waterModerator, new Accept(null))).extracting(Refusal::kind)
			.isEqualTo(Kind.FORBIDDEN_FOR_ROLE_OR_UNIT);
		assertThat(letter.attempt(MODERATOR, new ReportUp("Again?"))).extracting(Refusal::kind)
			.isEqualTo(Kind.NOT_ALLOWED_IN_STATE);
		letter.step(MODERATOR, new Accept(null));
	}

	@Test
	void refusesToAcceptAComplaintWithoutNameAndContact() {
		LetterFacts anonymous = LetterFacts.received(Nature.COMPLAINT, null, FRIDAY, false, true);

		assertThat(this.machine.decide(anonymous, MODERATOR, new Accept(null))).isInstanceOfSatisfying(Refusal.class,
				(refusal) -> assertThat(refusal.message()).contains("missing_identity"));
		Transition rejected = (Transition) this.machine.decide(anonymous, MODERATOR,
				new Reject(ScopeReason.MISSING_IDENTITY, null));
		assertThat(rejected.to()).isEqualTo(LetterState.REJECTED);
		assertThat(rejected.notifyCitizen()).isTrue();
		assertThat(this.machine.decide(LetterFacts.received(Nature.HELP, null, FRIDAY, false, true), MODERATOR,
				new Accept(null)))
			.isInstanceOf(Transition.class);
	}

	@Test
	void timesADirectReplyFromReceiptAndSendsARejectedOneBackToTheModerator() {
		LetterFacts consultation = LetterFacts.received(Nature.CONSULTATION, null, at("2024-03-04T09:00"), true, true);
		Letter letter = new Letter(this.machine, consultation);
		letter.step(MODERATOR, new Accept(null)).step(MODERATOR, new DirectReply("Bring your ID card."));

		assertThat(letter.facts.state()).isEqualTo(LetterState.REPLIED);
		assertThat(letter.facts.deadline().basis()).isEqualTo(TimerBasis.DIRECT_REPLY);
		assertThat(letter.facts.deadline().dueDate()).isEqualTo(LocalDate.of(2024, 3, 7));

		letter.step(MODERATOR, new RejectReply("Too short."));
		assertThat(letter.facts.state()).isEqualTo(LetterState.ACCEPTED);
	}

	@Test
	void adminsModerateEverywhereButNeverSignOrReply() {
		Actor admin = Actor.admin("root");
		LetterFacts assigned = inProgressComplaint().toBuilder()
			.state(LetterState.ASSIGNED)
			.signedUnits(Set.of())
			.mailboxUnit("water")
			.build();

		assertThat(this.machine.decide(assigned, admin, new WorkflowAction.Remind(null)).allowed()).isTrue();
		assertThat(this.machine.decide(assigned, admin, new Sign(null))).isInstanceOfSatisfying(Refusal.class,
				(refusal) -> assertThat(refusal.kind()).isEqualTo(Kind.FORBIDDEN_FOR_ROLE_OR_UNIT));
	}

	@Test
	void closesAForwardedLetter() {
		Letter letter = new Letter(this.machine, newComplaint());
		letter.step(MODERATOR, new Accept(null))
			.step(MODERATOR, new WorkflowAction.Forward("water", "For your information."))
			.step(MODERATOR, new Close(null));

		assertThat(letter.transitions.get(1).notifyCitizen()).isTrue();
		assertThat(letter.transitions.get(1).notifyUnits()).containsExactly("water");
		assertThat(letter.facts.state()).isEqualTo(LetterState.CLOSED);
	}

	private static LetterFacts inProgressComplaint() {
		Instant assignedAt = FRIDAY;
		return newComplaint().toBuilder()
			.state(LetterState.IN_PROGRESS)
			.assignment(List.of("water"), "water")
			.signedUnits(Set.of("water"))
			.deadline(WorkflowFixtures.deadlinesAt(assignedAt).startNow(Nature.COMPLAINT, TimerBasis.ASSIGNMENT, null))
			.build();
	}

	/** A letter taken through steps, failing the test on the first refusal. */
	private static final class Letter {

		LetterStateMachine machine;

		LetterFacts facts;

		final List<Transition> transitions = new ArrayList<>();

		Letter(LetterStateMachine machine, LetterFacts facts) {
			this.machine = machine;
			this.facts = facts;
		}

		Letter step(Actor actor, WorkflowAction action) {
			Decision decision = this.machine.decide(this.facts, actor, action);
			assertThat(decision)
				.as(action.kind().code() + " by " + actor.username() + " on " + this.facts.state().code())
				.isInstanceOf(Transition.class);
			Transition transition = (Transition) decision;
			assertThat(transition.from()).isEqualTo(this.facts.state());
			this.transitions.add(transition);
			this.facts = transition.after();
			return this;
		}

		Refusal attempt(Actor actor, WorkflowAction action) {
			Decision decision = this.machine.decide(this.facts, actor, action);
			assertThat(decision).isInstanceOf(Refusal.class);
			return (Refusal) decision;
		}

		Transition last() {
			return this.transitions.get(this.transitions.size() - 1);
		}

		List<LetterState> states() {
			return this.transitions.stream().map(Transition::to).toList();
		}

		List<String> events() {
			return this.transitions.stream().map(Transition::event).toList();
		}

	}

}
