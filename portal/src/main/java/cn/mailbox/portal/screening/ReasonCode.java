package cn.mailbox.portal.screening;

/**
 * Why the spam screen raised a letter's score; stable codes for storage and the console.
 */
public enum ReasonCode {

	/** The hidden form field that people never see was filled in. */
	HONEYPOT_FILLED,
	/** The form was submitted faster than a person can write a letter. */
	FILLED_TOO_FAST,
	/** The text contains URLs or domain names. */
	LINKS,
	/**
	 * Many phone numbers, QQ/WeChat ids or e-mail addresses for the length of the text.
	 */
	CONTACT_DENSITY,
	/** A letter repeated many times in a row. */
	REPEATED_CHARACTERS,
	/** Latin keyboard mashing rather than words. */
	GIBBERISH,
	/** Advertising vocabulary. */
	ADVERTISING_TERMS,
	/** The trained classifier finds the text close to known spam. */
	CLASSIFIER

}
