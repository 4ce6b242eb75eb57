package cn.mailbox.portal.screening;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Runs the three intake screens on a new letter: spam, duplicates and scope. The result
 * is advice stored with the letter; nothing is dropped or rejected here.
 *
 * <pre>
 * IntakeScreening screening = new IntakeScreening(SpamScreen.withShippedModel(SpamSettings.DEFAULTS),
 *         new DuplicateIndex(DuplicateSettings.DEFAULTS), ScopeScreen.withShippedKeywords());
 * IntakeScreening.Result result = screening.screen(letterId, receivedAt, senderKey, title, body, form);
 * </pre>
 */
public final class IntakeScreening {

	private final SpamScreen spam;

	private final DuplicateIndex duplicates;

	private final ScopeScreen scope;

	public IntakeScreening(SpamScreen spam, DuplicateIndex duplicates, ScopeScreen scope) {
		this.spam = Objects.requireNonNull(spam, "spam");
		this.duplicates = Objects.requireNonNull(duplicates, "duplicates");
		this.scope = Objects.requireNonNull(scope, "scope");
	}

	/**
	 * Screens a letter and adds it to the duplicate index.
	 * @param letterId the stored letter's id
	 * @param receivedAt when it was received
	 * @param senderKey the sender's normalised phone or e-mail, or null
	 * @param title the title
	 * @param body the body
	 * @param form how the form was filled in ({@link FormSignals#NONE} without a form)
	 * @return the three screens' findings, with the signature to persist
	 */
	public Result screen(long letterId, Instant receivedAt, String senderKey, String title, String body,
			FormSignals form) {
		ScreeningVerdict verdict = this.spam.screen(title, body, form);
		DuplicateSignature signature = this.duplicates.sign(letterId, receivedAt, senderKey, title, body);
		DuplicateCheck duplicate = this.duplicates.checkAndAdd(signature);
		Set<ScopeFlag> flags = this.scope.flags(title, body);
		return new Result(verdict, duplicate, flags, signature);
	}

	/**
	 * The findings of intake screening for one letter.
	 *
	 * @param spam the spam verdict
	 * @param duplicate the duplicate finding
	 * @param scope the scope flags
	 * @param signature the duplicate signature to persist for rebuilding the index
	 */
	public record Result(ScreeningVerdict spam, DuplicateCheck duplicate, Set<ScopeFlag> scope,
			DuplicateSignature signature) {

		public Result {
			Objects.requireNonNull(spam, "spam");
			Objects.requireNonNull(duplicate, "duplicate");
			scope = Set.copyOf(scope);
			Objects.requireNonNull(signature, "signature");
		}

	}

}
