package cn.mailbox.portal.staff;

/** A staff request this account's role does not allow (403). */
class StaffForbidden extends RuntimeException {

	StaffForbidden(String message) {
		super(message, null, false, false);
	}

}
