package cn.mailbox.moderation.workflow;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * One workflow step a staff member asks for, with the step's own fields, validated on
 * construction (a reason where the citizen or the unit is owed one). Whether the step is
 * allowed for this letter and this person is {@link LetterStateMachine}'s question.
 * <p>
 * Free-text comments are optional ({@code null} becomes empty); they go into the audit
 * trail.
 */
public sealed interface WorkflowAction {

	/** The step's name on the wire and in "the actions allowed now". */
	ActionKind kind();

	/** 受理: register the letter under its number for handling. */
	record Accept(String comment) implements WorkflowAction {
		public Accept {
			comment = optional(comment);
		}

		public ActionKind kind() {
			return ActionKind.ACCEPT;
		}
	}

	/** 不予受理: the citizen is told the scope reason. */
	record Reject(ScopeReason reason, String comment) implements WorkflowAction {
		public Reject {
			if (reason == null) {
				throw new IllegalArgumentException("A rejection needs a scope reason");
			}
			comment = optional(comment);
		}

		public ActionKind kind() {
			return ActionKind.REJECT;
		}
	}

	/** 掌握: keep on file for information; no handling, no reply owed. */
	record Keep(String comment) implements WorkflowAction {
		public Keep {
			comment = optional(comment);
		}

		public ActionKind kind() {
			return ActionKind.KEEP;
		}
	}

	/** 缓办: stored, not handled (anonymous, no contact, malicious). */
	record Defer(String comment) implements WorkflowAction {
		public Defer {
			comment = optional(comment);
		}

		public ActionKind kind() {
			return ActionKind.DEFER;
		}
	}

	/** Not spam after all: back to the moderators' queue. */
	record Release(String comment) implements WorkflowAction {
		public Release {
			comment = optional(comment);
		}

		public ActionKind kind() {
			return ActionKind.RELEASE;
		}
	}

	/** Spam: closed, kept for the record, never handled. */
	record ConfirmSpam(String comment) implements WorkflowAction {
		public ConfirmSpam {
			comment = optional(comment);
		}

		public ActionKind kind() {
			return ActionKind.CONFIRM_SPAM;
		}
	}

	/** A duplicate: closed and linked to the earlier letter. */
	record Merge(String duplicateOf, String comment) implements WorkflowAction {
		public Merge {
			duplicateOf = required(duplicateOf, "A merge names the letter it duplicates");
			comment = optional(comment);
		}

		public ActionKind kind() {
			return ActionKind.MERGE;
		}
	}

	/** 直办: the moderator answers at once; timed from receipt. */
	record DirectReply(String text) implements WorkflowAction {
		public DirectReply {
			text = required(text, "A direct reply needs its text");
		}

		public ActionKind kind() {
			return ActionKind.DIRECT_REPLY;
		}
	}

	/**
	 * 交办: to one unit, timed from now.
	 *
	 * @param unit the unit
	 * @param instructions what the unit is to do
	 * @param limitDays working days, or {@code null} for the policy's limit
	 */
	record Assign(String unit, String instructions, Integer limitDays) implements WorkflowAction {
		public Assign {
			unit = required(unit, "An assignment names the unit");
			instructions = optional(instructions);
			requireLimit(limitDays);
		}

		public ActionKind kind() {
			return ActionKind.ASSIGN;
		}
	}

	/**
	 * 会签: to several units, one of them the lead that replies; 10 working days unless a
	 * limit is given.
	 *
	 * @param units the units, at least two, the lead among them
	 * @param lead the lead unit
	 * @param instructions what the units are to do
	 * @param limitDays working days, or {@code null} for the joint limit
	 */
	record JointAssign(List<String> units, String lead, String instructions,
			Integer limitDays) implements WorkflowAction {
		public JointAssign {
			units = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(units, "units")));
			if (units.size() < 2) {
				throw new IllegalArgumentException("Joint handling needs at least two different units");
			}
			lead = required(lead, "Joint handling names a lead unit");
			if (!units.contains(lead)) {
				throw new IllegalArgumentException("The lead unit " + lead + " is not among " + units);
			}
			instructions = optional(instructions);
			requireLimit(limitDays);
		}

		public ActionKind kind() {
			return ActionKind.ASSIGN;
		}
	}

	/** 转阅: for a unit's information; no reply owed; the citizen is told where it went. */
	record Forward(String unit, String note) implements WorkflowAction {
		public Forward {
			unit = required(unit, "A forward names the unit");
			note = optional(note);
		}

		public ActionKind kind() {
			return ActionKind.FORWARD;
		}
	}

	/**
	 * 呈办: to a leader for an instruction; {@code leader} may be {@code null} (any
	 * leader).
	 */
	record Escalate(String leader, String note) implements WorkflowAction {
		public Escalate {
			leader = (leader == null || leader.isBlank()) ? null : leader;
			note = optional(note);
		}

		public ActionKind kind() {
			return ActionKind.ESCALATE;
		}
	}

	/** 批示: a leader's instruction; the moderator then routes the letter as it says. */
	record Instruct(String instructions) implements WorkflowAction {
		public Instruct {
			instructions = required(instructions, "An instruction needs its text");
		}

		public ActionKind kind() {
			return ActionKind.INSTRUCT;
		}
	}

	/** 查办: a sensitive report; restricted, never published; a leader decides. */
	record Investigate(String note) implements WorkflowAction {
		public Investigate {
			note = optional(note);
		}

		public ActionKind kind() {
			return ActionKind.INVESTIGATE;
		}
	}

	/** 上报: a unit mailbox hands the letter to the mayor's mailbox. */
	record ReportUp(String reason) implements WorkflowAction {
		public ReportUp {
			reason = required(reason, "Reporting up needs a reason");
		}

		public ActionKind kind() {
			return ActionKind.REPORT_UP;
		}
	}

	/** 签收: the unit takes the letter on. */
	record Sign(String comment) implements WorkflowAction {
		public Sign {
			comment = optional(comment);
		}

		public ActionKind kind() {
			return ActionKind.SIGN;
		}
	}

	/** 退件: the unit says the letter is not theirs. */
	record ReturnLetter(String reason) implements WorkflowAction {
		public ReturnLetter {
			reason = required(reason, "Returning a letter needs a reason");
		}

		public ActionKind kind() {
			return ActionKind.RETURN;
		}
	}

	/** 延期申请: asked before the limit passes. */
	record RequestExtension(int days, String reason) implements WorkflowAction {
		public RequestExtension {
			if (days < 1) {
				throw new IllegalArgumentException("An extension asks for at least 1 working day: " + days);
			}
			reason = required(reason, "An extension request needs a reason");
		}

		public ActionKind kind() {
			return ActionKind.REQUEST_EXTENSION;
		}
	}

	/** Grants the pending request; {@code days} {@code null} grants what was asked. */
	record GrantExtension(Integer days, String comment) implements WorkflowAction {
		public GrantExtension {
			requireLimit(days);
			comment = optional(comment);
		}

		public ActionKind kind() {
			return ActionKind.GRANT_EXTENSION;
		}
	}

	record DenyExtension(String reason) implements WorkflowAction {
		public DenyExtension {
			reason = required(reason, "Denying an extension needs a reason");
		}

		public ActionKind kind() {
			return ActionKind.DENY_EXTENSION;
		}
	}

	/**
	 * 承办回复: the unit's reply. An interim reply (承诺件) promises a final one by
	 * {@code committedDate} and keeps the letter in progress.
	 */
	record Reply(String text, boolean interim, LocalDate committedDate) implements WorkflowAction {
		public Reply {
			text = required(text, "A reply needs its text");
			if (interim && committedDate == null) {
				throw new IllegalArgumentException("An interim reply commits to a date");
			}
			if (!interim && committedDate != null) {
				throw new IllegalArgumentException("Only an interim reply commits to a date");
			}
		}

		public ActionKind kind() {
			return ActionKind.REPLY;
		}
	}

	/** 催办: supervision reminds the units. */
	record Remind(String note) implements WorkflowAction {
		public Remind {
			note = optional(note);
		}

		public ActionKind kind() {
			return ActionKind.REMIND;
		}
	}

	/** 退办: the reply fails the audit; the unit handles it again. */
	record RejectReply(String reason) implements WorkflowAction {
		public RejectReply {
			reason = required(reason, "Rejecting a reply needs a reason");
		}

		public ActionKind kind() {
			return ActionKind.REJECT_REPLY;
		}
	}

	/** The reply passes the audit; the citizen sees it. */
	record Approve(String comment) implements WorkflowAction {
		public Approve {
			comment = optional(comment);
		}

		public ActionKind kind() {
			return ActionKind.APPROVE;
		}
	}

	/**
	 * 公开: publishes the letter, the reply or both, redacted. {@code redactions}
	 * {@code null} means "apply the current proposals as they stand".
	 */
	record Disclose(boolean letter, boolean reply, List<RedactionChoice> redactions) implements WorkflowAction {
		public Disclose {
			if (!letter && !reply) {
				throw new IllegalArgumentException(
						"Disclosing neither letter nor reply publishes nothing: close instead");
			}
			redactions = (redactions != null) ? List.copyOf(redactions) : null;
		}

		public boolean usesCurrentProposals() {
			return this.redactions == null;
		}

		public ActionKind kind() {
			return ActionKind.DISCLOSE;
		}
	}

	/** Takes a published letter out of the public archive. */
	record Withdraw(String reason) implements WorkflowAction {
		public Withdraw {
			reason = required(reason, "Withdrawing a publication needs a reason");
		}

		public ActionKind kind() {
			return ActionKind.WITHDRAW;
		}
	}

	/** 复查: a dissatisfied rating sends the letter back to the moderator. */
	record Reopen(String reason) implements WorkflowAction {
		public Reopen {
			reason = required(reason, "Reopening needs a reason");
		}

		public ActionKind kind() {
			return ActionKind.REOPEN;
		}
	}

	/** 归档. */
	record Close(String note) implements WorkflowAction {
		public Close {
			note = optional(note);
		}

		public ActionKind kind() {
			return ActionKind.CLOSE;
		}
	}

	private static String required(String text, String message) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException(message);
		}
		return text.strip();
	}

	private static String optional(String text) {
		return (text != null) ? text.strip() : "";
	}

	private static void requireLimit(Integer days) {
		if (days != null && days < 1) {
			throw new IllegalArgumentException("A limit is at least 1 working day: " + days);
		}
	}

}
