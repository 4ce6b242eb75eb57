package cn.mailbox.portal.tracking;

/** No letter with this number and code: deliberately silent on which one was wrong. */
public class LetterNotFound extends RuntimeException {

	LetterNotFound() {
		super("letter not found", null, false, false);
	}

}
