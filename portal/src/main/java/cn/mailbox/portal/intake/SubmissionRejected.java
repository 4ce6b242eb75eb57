package cn.mailbox.portal.intake;

import java.util.List;

/** A submission that failed validation; every field error is reported at once. */
public class SubmissionRejected extends RuntimeException {

	private final transient List<FieldError> errors;

	SubmissionRejected(List<FieldError> errors) {
		super("invalid submission", null, false, false);
		this.errors = List.copyOf(errors);
	}

	public List<FieldError> errors() {
		return this.errors;
	}

}
