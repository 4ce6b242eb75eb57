package cn.mailbox.portal.archive;

/**
 * One line of an archive import as sent; every field is text so that a wrong value is
 * reported by name rather than as unreadable JSON.
 */
record ImportLine(String trackingNumber, String mailbox, String nature, String field, String region, String unit,
		String title, String body, String receivedAt, String reply, String repliedAt) {

}
