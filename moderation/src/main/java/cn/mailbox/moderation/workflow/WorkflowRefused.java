package cn.mailbox.moderation.workflow;

/**
 * A step the state machine (or a concurrent change) refused; nothing was changed. The
 * kind maps to the HTTP status: 409 not in this state, 403 not for this role or unit, 422
 * not for this letter.
 */
public class WorkflowRefused extends RuntimeException {

	private final Refusal.Kind kind;

	public WorkflowRefused(Refusal.Kind kind, String message) {
		super(message, null, false, false);
		this.kind = kind;
	}

	public Refusal.Kind kind() {
		return this.kind;
	}

	static WorkflowRefused of(Refusal refusal) {
		return new WorkflowRefused(refusal.kind(), refusal.message());
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
