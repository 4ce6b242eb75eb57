package cn.mailbox.moderation.workflow;

import cn.mailbox.moderation.letter.LetterState;

/**
 * Why a step was refused; nothing changes.
 *
 * @param kind which sort of refusal, deciding the HTTP status
 * @param action the step asked for
 * @param state the letter's state at the time
 * @param message what to tell the staff member
 */
public record Refusal(Kind kind, ActionKind action, LetterState state, String message) implements Decision {

	/** The sorts of refusal and their HTTP status. */
	public enum Kind {

		/** The step does not fit the letter's state or its current facts: 409. */
		NOT_ALLOWED_IN_STATE(409),

		/**
		 * This person's roles, mailbox or unit do not reach the step or the letter: 403.
		 */
		FORBIDDEN_FOR_ROLE_OR_UNIT(403),

		/**
		 * The step's own fields do not fit this letter (e.g. a promised date in the
		 * past): 422.
		 */
		INVALID_FOR_LETTER(422);

		private final int httpStatus;

		Kind(int httpStatus) {
			this.httpStatus = httpStatus;
		}

		public int httpStatus() {
			return this.httpStatus;
		}

	}

}
