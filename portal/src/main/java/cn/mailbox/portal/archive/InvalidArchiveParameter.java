package cn.mailbox.portal.archive;

/**
 * A query parameter of the archive API that cannot be used: answered with 400 and the
 * parameter's name.
 */
class InvalidArchiveParameter extends RuntimeException {

	private final String parameter;

	InvalidArchiveParameter(String parameter) {
		super("invalid archive parameter " + parameter, null, false, false);
		this.parameter = parameter;
	}

	String parameter() {
		return this.parameter;
	}

}
