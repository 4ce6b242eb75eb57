package cn.mailbox.portal.tracking;

/**
 * The citizen's access code as a page model attribute (the feedback form posts it back).
 * Thymeleaf logs the whole model at DEBUG, so the code must not show in
 * {@link #toString()}; the template reads {@link #getValue()}.
 */
public final class HiddenAccessCode {

	private final String value;

	HiddenAccessCode(String value) {
		this.value = value;
	}

	public String getValue() {
		return this.value;
	}

	@Override
	public String toString() {
		return "(hidden)";
	}

}
