package cn.mailbox.moderation.workflow;

import cn.mailbox.moderation.letter.LetterState;

/**
 * A step the state machine (or a concurrent change) refused; nothing was changed. The
 * kind maps to the HTTP status: 409 not in this state, 403 not for this role or unit, 422
 * not for this letter.
 */
public class WorkflowRefused extends RuntimeException {

	private final Refusal.Kind kind;

	private final ActionKind action;

	private final LetterState state;

	public WorkflowRefused(Refusal.Kind kind, String message) {
		this(kind, message, null, null);
	}

	/**
	 * A refusal of {@code action} in {@code state}, so the caller can word it in the
	 * user's language.
	 * @param kind the sort of refusal, deciding the HTTP status
	 * @param message the state machine's explanation (English, for the audit and logs)
	 * @param action the step refused, or null when not known
	 * @param state the letter's state at the time, or null when not known
	 */
	public WorkflowRefused(Refusal.Kind kind, String message, ActionKind action, LetterState state) {
		super(message, null, false, false);
		this.kind = kind;
		this.action = action;
		this.state = state;
	}

	public Refusal.Kind kind() {
		return this.kind;
	}

	/** The step refused; null for a concurrent change or an unknown unit. */
	public ActionKind action() {
		return this.action;
	}

	/** The letter's state when the step was refused; null when not known. */
	public LetterState state() {
		return this.state;
	}

	static WorkflowRefused of(Refusal refusal) {
		return new WorkflowRefused(refusal.kind(), refusal.message(), refusal.action(), refusal.state());
	}

	/**
	 * Someone else changed the letter between our read and our write: reload and decide
	 * again.
	 */
	static WorkflowRefused concurrentChange() {
		return new WorkflowRefused(Refusal.Kind.NOT_ALLOWED_IN_STATE,
				"The letter was changed by someone else meanwhile; reload it and try again");
	}

}
