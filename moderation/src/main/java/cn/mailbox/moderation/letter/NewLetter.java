package cn.mailbox.moderation.letter;

import java.util.Objects;

/**
 * A letter as written by its citizen, already validated at intake, about to be stored.
 *
 * @param accessCodeHash the hash of the private access code; the code itself is never
 * stored
 * @param initialState {@link LetterState#RECEIVED}, or {@link LetterState#QUARANTINED}
 * when screening suspects spam, or {@link LetterState#DEFERRED} for anonymous letters
 */
public record NewLetter(String mailbox, Nature nature, String field, String region, String title, String body,
		String writerName, String writerPhone, String writerEmail, boolean anonymous, boolean publicationConsent,
		String channel, String clientIp, String locale, byte[] accessCodeHash, LetterState initialState,
		Screening screening) {

	public NewLetter {
		Objects.requireNonNull(mailbox, "mailbox");
		Objects.requireNonNull(nature, "nature");
		Objects.requireNonNull(field, "field");
		Objects.requireNonNull(region, "region");
		Objects.requireNonNull(title, "title");
		Objects.requireNonNull(body, "body");
		Objects.requireNonNull(channel, "channel");
		Objects.requireNonNull(locale, "locale");
		Objects.requireNonNull(accessCodeHash, "accessCodeHash");
		Objects.requireNonNull(initialState, "initialState");
		accessCodeHash = accessCodeHash.clone();
	}

	@Override
	public byte[] accessCodeHash() {
		return this.accessCodeHash.clone();
	}

}
