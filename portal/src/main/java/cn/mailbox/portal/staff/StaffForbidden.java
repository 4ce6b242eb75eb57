package cn.mailbox.portal.staff;

/**
 * A staff request this account's role does not allow (403); the message is a key of the
 * message bundles, so the answer is in the user's language.
 */
class StaffForbidden extends RuntimeException {

	StaffForbidden(String messageKey) {
		super(messageKey, null, false, false);
	}

	String messageKey() {
		return getMessage();
	}

}
