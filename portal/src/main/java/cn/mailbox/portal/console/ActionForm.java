package cn.mailbox.portal.console;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import cn.mailbox.moderation.workflow.ActionKind;
import cn.mailbox.moderation.workflow.ScopeReason;
import cn.mailbox.moderation.workflow.WorkflowAction;
import org.springframework.util.MultiValueMap;

/**
 * One workflow step as a small HTML form: which inputs it shows, and how the posted form
 * becomes the state machine's typed {@link WorkflowAction}. Joint assignment to several
 * units is left to the staff API.
 *
 * @param code the step's wire name, posted as {@code action}
 * @param inputs the inputs the form shows
 */
record ActionForm(String code, Set<Input> inputs) {

	/** The inputs a step's form can have; the template names them in lower case. */
	enum Input {

		COMMENT, SCOPE_REASON, REASON, TEXT, UNIT, INSTRUCTIONS, LIMIT_DAYS, DAYS, LEADER, NOTE, DUPLICATE_OF, INTERIM,
		COMMITTED_DATE, DISCLOSURE

	}

	/**
	 * Whether the form shows the input, by its lower-case name (public for templates).
	 */
	public boolean has(String input) {
		return this.inputs.contains(Input.valueOf(input.toUpperCase(Locale.ROOT)));
	}

	static ActionForm of(ActionKind kind) {
		return new ActionForm(kind.code(), inputsOf(kind));
	}

	/** The forms for the steps allowed now, in the workflow's own order. */
	static List<ActionForm> allowed(Set<String> allowedActions) {
		return Arrays.stream(ActionKind.values())
			.filter((kind) -> allowedActions.contains(kind.code()))
			.map(ActionForm::of)
			.toList();
	}

	private static Set<Input> inputsOf(ActionKind kind) {
		return switch (kind) {
			case ACCEPT, KEEP, DEFER, RELEASE, CONFIRM_SPAM, SIGN, APPROVE -> EnumSet.of(Input.COMMENT);
			case REJECT -> EnumSet.of(Input.SCOPE_REASON, Input.COMMENT);
			case MERGE -> EnumSet.of(Input.DUPLICATE_OF, Input.COMMENT);
			case DIRECT_REPLY -> EnumSet.of(Input.TEXT);
			case ASSIGN -> EnumSet.of(Input.UNIT, Input.INSTRUCTIONS, Input.LIMIT_DAYS);
			case FORWARD -> EnumSet.of(Input.UNIT, Input.NOTE);
			case ESCALATE -> EnumSet.of(Input.LEADER, Input.NOTE);
			case INSTRUCT -> EnumSet.of(Input.INSTRUCTIONS);
			case INVESTIGATE, REMIND, CLOSE -> EnumSet.of(Input.NOTE);
			case REPORT_UP, RETURN, DENY_EXTENSION, REJECT_REPLY, WITHDRAW, REOPEN -> EnumSet.of(Input.REASON);
			case REQUEST_EXTENSION -> EnumSet.of(Input.DAYS, Input.REASON);
			case GRANT_EXTENSION -> EnumSet.of(Input.DAYS, Input.COMMENT);
			case REPLY -> EnumSet.of(Input.TEXT, Input.INTERIM, Input.COMMITTED_DATE);
			case DISCLOSE -> EnumSet.of(Input.DISCLOSURE);
		};
	}

	/**
	 * The posted form as a step; a missing or malformed field is an
	 * {@link IllegalArgumentException} whose message is shown to the staff member.
	 */
	static WorkflowAction toAction(MultiValueMap<String, String> form) {
		String action = text(form, "action");
		ActionKind kind = (action != null) ? ActionKind.fromCode(action).orElse(null) : null;
		if (kind == null) {
			throw new IllegalArgumentException("Unknown action '" + action + "'");
		}
		String comment = text(form, "comment");
		String reason = text(form, "reason");
		String note = text(form, "note");
		return switch (kind) {
			case ACCEPT -> new WorkflowAction.Accept(comment);
			case REJECT -> new WorkflowAction.Reject(scopeReason(text(form, "scopeReason")), comment);
			case KEEP -> new WorkflowAction.Keep(comment);
			case DEFER -> new WorkflowAction.Defer(comment);
			case RELEASE -> new WorkflowAction.Release(comment);
			case CONFIRM_SPAM -> new WorkflowAction.ConfirmSpam(comment);
			case MERGE -> new WorkflowAction.Merge(text(form, "duplicateOf"), comment);
			case DIRECT_REPLY -> new WorkflowAction.DirectReply(text(form, "text"));
			case ASSIGN ->
				new WorkflowAction.Assign(text(form, "unit"), text(form, "instructions"), number(form, "limitDays"));
			case FORWARD -> new WorkflowAction.Forward(text(form, "unit"), note);
			case ESCALATE -> new WorkflowAction.Escalate(text(form, "leader"), note);
			case INSTRUCT -> new WorkflowAction.Instruct(text(form, "instructions"));
			case INVESTIGATE -> new WorkflowAction.Investigate(note);
			case REPORT_UP -> new WorkflowAction.ReportUp(reason);
			case SIGN -> new WorkflowAction.Sign(comment);
			case RETURN -> new WorkflowAction.ReturnLetter(reason);
			case REQUEST_EXTENSION ->
				new WorkflowAction.RequestExtension(required(number(form, "days"), "days"), reason);
			case GRANT_EXTENSION -> new WorkflowAction.GrantExtension(number(form, "days"), comment);
			case DENY_EXTENSION -> new WorkflowAction.DenyExtension(reason);
			case REPLY ->
				new WorkflowAction.Reply(text(form, "text"), form.containsKey("interim"), date(form, "committedDate"));
			case REMIND -> new WorkflowAction.Remind(note);
			case REJECT_REPLY -> new WorkflowAction.RejectReply(reason);
			case APPROVE -> new WorkflowAction.Approve(comment);
			case DISCLOSE -> new WorkflowAction.Disclose(form.containsKey("discloseLetter"),
					form.containsKey("discloseReply"), null);
			case WITHDRAW -> new WorkflowAction.Withdraw(reason);
			case REOPEN -> new WorkflowAction.Reopen(reason);
			case CLOSE -> new WorkflowAction.Close(note);
		};
	}

	private static ScopeReason scopeReason(String code) {
		if (code == null) {
			throw new IllegalArgumentException("reject needs a reason from the scope list");
		}
		return ScopeReason.fromCode(code)
			.orElseThrow(() -> new IllegalArgumentException("Unknown scope reason '" + code + "'"));
	}

	/** A field's trimmed value; an empty input counts as not given. */
	private static String text(MultiValueMap<String, String> form, String name) {
		String value = form.getFirst(name);
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static Integer number(MultiValueMap<String, String> form, String name) {
		String value = text(form, name);
		try {
			return (value != null) ? Integer.valueOf(value) : null;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " must be a whole number");
		}
	}

	private static LocalDate date(MultiValueMap<String, String> form, String name) {
		String value = text(form, name);
		try {
			return (value != null) ? LocalDate.parse(value) : null;
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(name + " must be a date (yyyy-mm-dd)");
		}
	}

	private static int required(Integer value, String name) {
		if (value == null) {
			throw new IllegalArgumentException(name + " is required");
		}
		return value;
	}

}
