package cn.mailbox.portal.intake;

/**
 * One reason a submission was refused: the field, a message key from the bundles, and the
 * values the message needs ({@code {0}} characters at most).
 */
public record FieldError(String field, String code, Object... arguments) {

	public FieldError {
		arguments = arguments.clone();
	}

}
