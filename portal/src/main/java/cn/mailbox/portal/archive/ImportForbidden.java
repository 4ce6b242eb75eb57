package cn.mailbox.portal.archive;

/** An authenticated staff member without the administrator or moderator role: 403. */
class ImportForbidden extends RuntimeException {

	ImportForbidden() {
		super("archive import needs the admin or moderator role", null, false, false);
	}

}
