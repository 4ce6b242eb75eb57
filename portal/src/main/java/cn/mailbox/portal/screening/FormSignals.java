package cn.mailbox.portal.screening;

import java.time.Duration;

/**
 * What the web form tells about how a letter was submitted, beyond its text.
 *
 * @param honeypot the value of the hidden field people never see (empty or null when
 * untouched)
 * @param fillTime time from rendering the form to submitting it; null when unknown (API,
 * hotline, e-mail import)
 */
public record FormSignals(String honeypot, Duration fillTime) {

	/** No form: letters from the API, a hotline operator or e-mail import. */
	public static final FormSignals NONE = new FormSignals(null, null);

	boolean honeypotFilled() {
		return this.honeypot != null && !this.honeypot.isBlank();
	}

}
