package cn.mailbox.portal.archive;

/** No published record has the requested number: answered with 404. */
class ArchiveRecordNotFound extends RuntimeException {

	ArchiveRecordNotFound() {
		super("no such published record", null, false, false);
	}

}
