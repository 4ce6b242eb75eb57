package cn.mailbox.portal.staff;

import java.time.LocalDate;
import java.util.List;

import cn.mailbox.moderation.workflow.ActionKind;
import cn.mailbox.moderation.workflow.RedactionChoice;
import cn.mailbox.moderation.workflow.ScopeReason;
import cn.mailbox.moderation.workflow.WorkflowAction;

/**
 * The body of {@code POST /api/v1/staff/letters/{n}/actions}: {@code {"action": "...",
 * ...}} with the step's own fields. It is turned into the state machine's typed
 * {@link WorkflowAction}; anything missing or malformed is an
 * {@link IllegalArgumentException}, answered 400.
 */
record ActionRequest(String action, String comment, String reason, String text, String unit, List<String> units,
		String lead, String instructions, Integer limitDays, Integer days, String leader, String note,
		String duplicateOf, Boolean interim, LocalDate committedDate, Disclosure disclosure, String publish) {

	/**
	 * What to publish: the letter, the reply, or both, and optionally the reviewed
	 * redaction list (without it the stored proposals apply as they stand, or as last
	 * reviewed through {@code PUT .../redactions}).
	 */
	record Disclosure(Boolean letter, Boolean reply, List<RedactionChoice> redactions) {
	}

	WorkflowAction toAction() {
		ActionKind kind = (this.action != null) ? ActionKind.fromCode(this.action).orElse(null) : null;
		if (kind == null) {
			throw new IllegalArgumentException("Unknown action '" + this.action + "'");
		}
		return switch (kind) {
			case ACCEPT -> new WorkflowAction.Accept(this.comment);
			case REJECT -> new WorkflowAction.Reject(scopeReason(), this.comment);
			case KEEP -> new WorkflowAction.Keep(this.comment);
			case DEFER -> new WorkflowAction.Defer(this.comment);
			case RELEASE -> new WorkflowAction.Release(this.comment);
			case CONFIRM_SPAM -> new WorkflowAction.ConfirmSpam(this.comment);
			case MERGE -> new WorkflowAction.Merge(this.duplicateOf, this.comment);
			case DIRECT_REPLY -> new WorkflowAction.DirectReply(this.text);
			case ASSIGN -> (this.units != null && !this.units.isEmpty())
					? new WorkflowAction.JointAssign(this.units, this.lead, this.instructions, this.limitDays)
					: new WorkflowAction.Assign(this.unit, this.instructions, this.limitDays);
			case FORWARD -> new WorkflowAction.Forward(this.unit, either(this.note, this.comment));
			case ESCALATE -> new WorkflowAction.Escalate(this.leader, either(this.note, this.comment));
			case INSTRUCT -> new WorkflowAction.Instruct(either(this.instructions, this.text));
			case INVESTIGATE -> new WorkflowAction.Investigate(either(this.note, this.comment));
			case REPORT_UP -> new WorkflowAction.ReportUp(this.reason);
			case SIGN -> new WorkflowAction.Sign(this.comment);
			case RETURN -> new WorkflowAction.ReturnLetter(this.reason);
			case REQUEST_EXTENSION -> new WorkflowAction.RequestExtension(required(this.days, "days"), this.reason);
			case GRANT_EXTENSION -> new WorkflowAction.GrantExtension(this.days, this.comment);
			case DENY_EXTENSION -> new WorkflowAction.DenyExtension(this.reason);
			case REPLY -> new WorkflowAction.Reply(this.text, Boolean.TRUE.equals(this.interim), this.committedDate);
			case REMIND -> new WorkflowAction.Remind(either(this.note, this.comment));
			case REJECT_REPLY -> new WorkflowAction.RejectReply(this.reason);
			case APPROVE -> new WorkflowAction.Approve(this.comment);
			case DISCLOSE -> disclose();
			case WITHDRAW -> new WorkflowAction.Withdraw(this.reason);
			case REOPEN -> new WorkflowAction.Reopen(this.reason);
			case CLOSE -> new WorkflowAction.Close(either(this.note, this.comment));
		};
	}

	/**
	 * {@code publish: letter|reply|both|neither} wins over
	 * {@code disclosure.letter/reply}; neither publishes nothing, which is a
	 * {@code close}, not a disclosure (400).
	 */
	private WorkflowAction.Disclose disclose() {
		boolean letter = this.disclosure == null || !Boolean.FALSE.equals(this.disclosure.letter());
		boolean reply = this.disclosure == null || !Boolean.FALSE.equals(this.disclosure.reply());
		if (this.publish != null) {
			switch (this.publish) {
				case "letter" -> {
					letter = true;
					reply = false;
				}
				case "reply" -> {
					letter = false;
					reply = true;
				}
				case "both" -> {
					letter = true;
					reply = true;
				}
				case "neither" -> {
					letter = false;
					reply = false;
				}
				default -> throw new IllegalArgumentException(
						"publish is letter, reply, both or neither, not '" + this.publish + "'");
			}
		}
		return new WorkflowAction.Disclose(letter, reply,
				(this.disclosure != null) ? this.disclosure.redactions() : null);
	}

	private ScopeReason scopeReason() {
		if (this.reason == null) {
			throw new IllegalArgumentException("reject needs a reason from the scope list");
		}
		return ScopeReason.fromCode(this.reason)
			.orElseThrow(() -> new IllegalArgumentException("Unknown scope reason '" + this.reason + "'"));
	}

	private static int required(Integer value, String name) {
		if (value == null) {
			throw new IllegalArgumentException(name + " is required");
		}
		return value;
	}

	private static String either(String first, String second) {
		return (first != null) ? first : second;
	}

}
