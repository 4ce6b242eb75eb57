package cn.mailbox.moderation.workflow;

import java.util.Set;

/**
 * How one step shows in the audit trail and to the citizen: the free text a staff member
 * gave, the unit it concerns, and whether the citizen sees it on the tracking page.
 */
record StepRecord(String comment, String unit, boolean visibleToCitizen) {

	/**
	 * Steps the citizen always sees, besides those the state machine flags for
	 * notification.
	 */
	private static final Set<ActionKind> ALWAYS_VISIBLE = Set.of(ActionKind.ACCEPT, ActionKind.ASSIGN,
			ActionKind.CLOSE);

	static StepRecord of(Transition transition) {
		WorkflowAction action = transition.action();
		boolean visible = transition.notifyCitizen() || ALWAYS_VISIBLE.contains(action.kind());
		return switch (action) {
			case WorkflowAction.Accept a -> new StepRecord(a.comment(), null, visible);
			case WorkflowAction.Reject r -> new StepRecord(join(r.reason().label(), r.comment()), null, visible);
			case WorkflowAction.Keep k -> new StepRecord(k.comment(), null, visible);
			case WorkflowAction.Defer d -> new StepRecord(d.comment(), null, visible);
			case WorkflowAction.Release r -> new StepRecord(r.comment(), null, visible);
			case WorkflowAction.ConfirmSpam c -> new StepRecord(c.comment(), null, visible);
			case WorkflowAction.Merge m -> new StepRecord(join(m.duplicateOf(), m.comment()), null, visible);
			case WorkflowAction.DirectReply d -> new StepRecord(null, null, visible);
			case WorkflowAction.Assign a -> new StepRecord(a.instructions(), a.unit(), visible);
			case WorkflowAction.JointAssign j -> new StepRecord(j.instructions(), j.lead(), visible);
			case WorkflowAction.Forward f -> new StepRecord(f.note(), f.unit(), visible);
			case WorkflowAction.Escalate e -> new StepRecord(join(e.leader(), e.note()), null, visible);
			case WorkflowAction.Instruct i -> new StepRecord(i.instructions(), null, visible);
			case WorkflowAction.Investigate i -> new StepRecord(i.note(), null, visible);
			case WorkflowAction.ReportUp r -> new StepRecord(r.reason(), null, visible);
			case WorkflowAction.Sign s -> new StepRecord(s.comment(), transition.actor().unit(), visible);
			case WorkflowAction.ReturnLetter r -> new StepRecord(r.reason(), transition.actor().unit(), visible);
			case WorkflowAction.RequestExtension r ->
				new StepRecord(join(r.days() + "", r.reason()), transition.actor().unit(), visible);
			case WorkflowAction.GrantExtension g ->
				new StepRecord(join((g.days() != null) ? g.days() + "" : null, g.comment()), null, visible);
			case WorkflowAction.DenyExtension d -> new StepRecord(d.reason(), null, visible);
			case WorkflowAction.Reply r ->
				new StepRecord(r.interim() ? r.text() : null, transition.actor().unit(), visible);
			case WorkflowAction.Remind r -> new StepRecord(r.note(), null, visible);
			case WorkflowAction.RejectReply r -> new StepRecord(r.reason(), null, visible);
			case WorkflowAction.Approve a -> new StepRecord(a.comment(), null, visible);
			case WorkflowAction.Disclose d -> new StepRecord(null, null, visible);
			case WorkflowAction.Withdraw w -> new StepRecord(w.reason(), null, visible);
			case WorkflowAction.Reopen r -> new StepRecord(r.reason(), null, visible);
			case WorkflowAction.Close c -> new StepRecord(c.note(), null, visible);
		};
	}

	private static String join(String first, String second) {
		if (first == null || first.isBlank()) {
			return second;
		}
		return (second == null || second.isBlank()) ? first : first + "：" + second;
	}

}
