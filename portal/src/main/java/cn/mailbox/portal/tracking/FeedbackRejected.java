package cn.mailbox.portal.tracking;

/**
 * Feedback with an invalid field; carries the message key and the field for the problem
 * body.
 */
public class FeedbackRejected extends RuntimeException {

	private final String code;

	private final String field;

	private final transient Object[] arguments;

	FeedbackRejected(String code, String field, Object... arguments) {
		super(code, null, false, false);
		this.code = code;
		this.field = field;
		this.arguments = arguments.clone();
	}

	public String code() {
		return this.code;
	}

	public String field() {
		return this.field;
	}

	public Object[] arguments() {
		return this.arguments.clone();
	}

}
