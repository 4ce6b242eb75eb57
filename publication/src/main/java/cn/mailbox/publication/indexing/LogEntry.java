package cn.mailbox.publication.indexing;

/**
 * One row of the publication log.
 *
 * @param sequence the log id
 * @param trackingNumber the letter's number
 * @param withdrawn whether the entry withdraws the record (else it publishes it)
 */
record LogEntry(long sequence, String trackingNumber, boolean withdrawn) {

}
