package cn.mailbox.moderation.workflow;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.mailbox.moderation.calendar.TimerBasis;
import cn.mailbox.moderation.letter.LetterState;
import cn.mailbox.moderation.letter.Nature;
import cn.mailbox.moderation.workflow.Refusal.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static cn.mailbox.moderation.workflow.ActionKind.ACCEPT;
import static cn.mailbox.moderation.workflow.ActionKind.APPROVE;
import static cn.mailbox.moderation.workflow.ActionKind.ASSIGN;
import static cn.mailbox.moderation.workflow.ActionKind.CLOSE;
import static cn.mailbox.moderation.workflow.ActionKind.CONFIRM_SPAM;
import static cn.mailbox.moderation.workflow.ActionKind.DEFER;
import static cn.mailbox.moderation.workflow.ActionKind.DENY_EXTENSION;
import static cn.mailbox.moderation.workflow.ActionKind.DIRECT_REPLY;
import static cn.mailbox.moderation.workflow.ActionKind.DISCLOSE;
import static cn.mailbox.moderation.workflow.ActionKind.ESCALATE;
import static cn.mailbox.moderation.workflow.ActionKind.FORWARD;
import static cn.mailbox.moderation.workflow.ActionKind.GRANT_EXTENSION;
import static cn.mailbox.moderation.workflow.ActionKind.INSTRUCT;
import static cn.mailbox.moderation.workflow.ActionKind.INVESTIGATE;
import static cn.mailbox.moderation.workflow.ActionKind.KEEP;
import static cn.mailbox.moderation.workflow.ActionKind.MERGE;
import static cn.mailbox.moderation.workflow.ActionKind.REJECT;
import static cn.mailbox.moderation.workflow.ActionKind.REJECT_REPLY;
import static cn.mailbox.moderation.workflow.ActionKind.RELEASE;
import static cn.mailbox.moderation.workflow.ActionKind.REMIND;
import static cn.mailbox.moderation.workflow.ActionKind.REOPEN;
import static cn.mailbox.moderation.workflow.ActionKind.REPLY;
import static cn.mailbox.moderation.workflow.ActionKind.REPORT_UP;
import static cn.mailbox.moderation.workflow.ActionKind.REQUEST_EXTENSION;
import static cn.mailbox.moderation.workflow.ActionKind.RETURN;
import static cn.mailbox.moderation.workflow.ActionKind.SIGN;
import static cn.mailbox.moderation.workflow.ActionKind.WITHDRAW;
import static cn.mailbox.moderation.workflow.WorkflowFixtures.FRIDAY;
import static cn.mailbox.moderation.workflow.WorkflowFixtures.LEADER;
import static cn.mailbox.moderation.workflow.WorkflowFixtures.MODERATOR;
import static cn.mailbox.moderation.workflow.WorkflowFixtures.POWER;
import static cn.mailbox.moderation.workflow.WorkflowFixtures.SAMPLES;
import static cn.mailbox.moderation.workflow.WorkflowFixtures.WATER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every state × every step: allowed, or refused with the right kind. The expected table
 * is written out here independently of the machine's own table, and is the one in the
 * README.
 */
class LetterStateTableTests {

	private static final Map<LetterState, Set<ActionKind>> EXPECTED = new EnumMap<>(LetterState.class);

	static {
		expect(LetterState.QUARANTINED, RELEASE, CONFIRM_SPAM);
		expect(LetterState.RECEIVED, ACCEPT, REJECT, KEEP, DEFER, MERGE, REPORT_UP);
		expect(LetterState.ACCEPTED, DIRECT_REPLY, ASSIGN, FORWARD, ESCALATE, INVESTIGATE, REPORT_UP, CLOSE);
		expect(LetterState.REJECTED, CLOSE);
		expect(LetterState.KEPT, CLOSE);
		expect(LetterState.DEFERRED, ACCEPT, CLOSE);
		expect(LetterState.ASSIGNED, SIGN, RETURN, REMIND);
		// SIGN: a co-unit of a joint handling may sign after the lead did.
		expect(LetterState.IN_PROGRESS, SIGN, RETURN, REQUEST_EXTENSION, REPLY, GRANT_EXTENSION, DENY_EXTENSION,
				REMIND);
		expect(LetterState.FORWARDED, CLOSE);
		expect(LetterState.ESCALATED, INSTRUCT);
		expect(LetterState.INVESTIGATING, INSTRUCT);
		expect(LetterState.REPLIED, REJECT_REPLY, APPROVE);
		expect(LetterState.APPROVED, DISCLOSE, REOPEN, CLOSE);
		expect(LetterState.PUBLISHED, REOPEN, CLOSE);
		expect(LetterState.CLOSED, REOPEN);
	}

	private final LetterStateMachine machine = WorkflowFixtures.machineAt(FRIDAY);

	@ParameterizedTest(name = "{0} × {1}")
	@MethodSource("everyStateAndStep")
	void allowsExactlyTheStepsOfTheTableForTheRightPerson(LetterState state, ActionKind kind) {
		Decision decision = this.machine.decide(factsFor(state, kind), rightActorFor(kind), SAMPLES.get(kind));

		if (EXPECTED.get(state).contains(kind)) {
			assertThat(decision).isInstanceOf(Transition.class);
			assertThat(((Transition) decision).from()).isEqualTo(state);
		}
		else {
			assertThat(decision).isInstanceOfSatisfying(Refusal.class,
					(refusal) -> assertThat(refusal.kind()).isEqualTo(Kind.NOT_ALLOWED_IN_STATE));
			assertThat(((Refusal) decision).kind().httpStatus()).isEqualTo(409);
		}
	}

	@ParameterizedTest(name = "{0} × {1}")
	@MethodSource("everyStateAndStep")
	void forbidsEveryStepToARoleThatNeverTakesIt(LetterState state, ActionKind kind) {
		Decision decision = this.machine.decide(factsFor(state, kind), wrongActorFor(kind), SAMPLES.get(kind));

		assertThat(decision).isInstanceOfSatisfying(Refusal.class, (refusal) -> {
			assertThat(refusal.kind()).isEqualTo(Kind.FORBIDDEN_FOR_ROLE_OR_UNIT);
			assertThat(refusal.kind().httpStatus()).isEqualTo(403);
		});
	}

	@ParameterizedTest(name = "{0} × {1}")
	@MethodSource("everyStateAndStep")
	void forbidsUnitStepsToOtherUnitsAndModeratorStepsToOtherMailboxes(LetterState state, ActionKind kind) {
		Actor outsider = switch (kind) {
			case SIGN, RETURN, REQUEST_EXTENSION, REPLY -> Actor.unitOfficer("zhao", "gas");
			case INSTRUCT -> Actor.leader("someone-else");
			default -> Actor.unitModerator("gas-mod", "gas");
		};
		LetterFacts facts = factsFor(state, kind);
		if (kind == INSTRUCT) {
			facts = facts.toBuilder().escalatedTo(LEADER.username()).build();
		}

		Decision decision = this.machine.decide(facts, outsider, SAMPLES.get(kind));

		assertThat(decision).isInstanceOfSatisfying(Refusal.class,
				(refusal) -> assertThat(refusal.kind())
					.isEqualTo((kind == INSTRUCT && !EXPECTED.get(state).contains(kind)) ? Kind.NOT_ALLOWED_IN_STATE
							: Kind.FORBIDDEN_FOR_ROLE_OR_UNIT));
	}

	@Test
	void theMachinesOwnTableIsTheDocumentedOne() {
		for (LetterState state : LetterState.values()) {
			Set<ActionKind> expected = EnumSet.noneOf(ActionKind.class);
			expected.addAll(EXPECTED.get(state));
			expected.add(WITHDRAW);
			assertThat(LetterStateMachine.actionsIn(state)).as(state.code()).isEqualTo(expected);
		}
	}

	@Test
	void withdrawsFromTheArchiveInAnyStateWhileTheLetterIsPublic() {
		for (LetterState state : LetterState.values()) {
			LetterFacts facts = factsFor(state, WITHDRAW);
			assertThat(this.machine.decide(facts, MODERATOR, SAMPLES.get(WITHDRAW))).as(state.code())
				.isInstanceOf(Transition.class);
			if (state != LetterState.PUBLISHED) {
				assertThat(this.machine.decide(facts.toBuilder().published(false).build(), MODERATOR,
						SAMPLES.get(WITHDRAW)))
					.as(state.code())
					.isInstanceOfSatisfying(Refusal.class,
							(refusal) -> assertThat(refusal.kind()).isEqualTo(Kind.NOT_ALLOWED_IN_STATE));
			}
		}
	}

	@Test
	void listsTheActionsAllowedNowPerPerson() {
		LetterFacts assigned = factsFor(LetterState.ASSIGNED, SIGN);

		assertThat(this.machine.allowedActions(assigned, MODERATOR)).containsExactly(REMIND);
		assertThat(this.machine.allowedActions(assigned, WATER)).containsExactly(SIGN, RETURN);
		assertThat(this.machine.allowedActions(assigned, POWER)).isEmpty();
		assertThat(this.machine.allowedActions(assigned, LEADER)).isEmpty();
		assertThat(this.machine.allowedActions(factsFor(LetterState.RECEIVED, ACCEPT), Actor.admin("root")))
			.containsExactly(ACCEPT, REJECT, KEEP, DEFER, MERGE);
	}

	@Test
	void allowedActionsAgreeWithDecideForEveryState() {
		for (LetterState state : LetterState.values()) {
			for (Actor actor : List.of(MODERATOR, WATER, POWER, LEADER)) {
				LetterFacts facts = factsFor(state, ACCEPT);
				Set<ActionKind> allowed = this.machine.allowedActions(facts, actor);
				for (ActionKind kind : ActionKind.values()) {
					assertThat(this.machine.decide(facts, actor, SAMPLES.get(kind)).allowed())
						.as(state + " " + kind + " " + actor.username())
						.isEqualTo(allowed.contains(kind));
				}
			}
		}
	}

	/**
	 * A letter in {@code state} whose other facts let {@code kind} pass its own rule, so
	 * that only the state decides.
	 */
	static LetterFacts factsFor(LetterState state, ActionKind kind) {
		LetterFacts.Builder facts = WorkflowFixtures.newComplaint().toBuilder().state(state);
		boolean unitStep = EnumSet.of(SIGN, RETURN, REQUEST_EXTENSION, REPLY).contains(kind);
		if (unitStep || state == LetterState.ASSIGNED || state == LetterState.IN_PROGRESS) {
			facts.assignment(List.of("water"), "water")
				.deadline(WorkflowFixtures.deadlinesAt(FRIDAY).startNow(Nature.COMPLAINT, TimerBasis.ASSIGNMENT, null));
			if (state == LetterState.IN_PROGRESS && kind == SIGN) {
				facts.assignment(List.of("roads", "water"), "roads").signedUnits(Set.of("roads"));
			}
			else if (state == LetterState.IN_PROGRESS) {
				facts.signedUnits(Set.of("water"));
			}
		}
		switch (kind) {
			case GRANT_EXTENSION, DENY_EXTENSION -> facts.pendingExtension(new ExtensionRequest("water", 2, "Parts."));
			case WITHDRAW -> facts.published(true);
			case REOPEN -> facts.dissatisfiedFeedback(true);
			case REPORT_UP -> facts.mailboxUnit("water");
			default -> {
			}
		}
		if (state == LetterState.PUBLISHED) {
			facts.published(true);
		}
		return facts.build();
	}

	private static Actor rightActorFor(ActionKind kind) {
		return switch (kind) {
			case SIGN, RETURN, REQUEST_EXTENSION, REPLY -> WATER;
			case INSTRUCT -> LEADER;
			default -> MODERATOR;
		};
	}

	private static Actor wrongActorFor(ActionKind kind) {
		return switch (kind) {
			case SIGN, RETURN, REQUEST_EXTENSION, REPLY -> Actor.admin("root");
			case INSTRUCT -> MODERATOR;
			default -> (kind.ordinal() % 2 == 0) ? LEADER : WATER;
		};
	}

	static List<Arguments> everyStateAndStep() {
		List<Arguments> cases = new ArrayList<>();
		for (LetterState state : LetterState.values()) {
			for (ActionKind kind : ActionKind.values()) {
				cases.add(Arguments.of(state, kind));
			}
		}
		return cases;
	}

	private static void expect(LetterState state, ActionKind... kinds) {
		Set<ActionKind> allowed = EnumSet.of(WITHDRAW, kinds);
		EXPECTED.put(state, allowed);
	}

}
