package cn.mailbox.moderation.notification;

/**
 * A claimed notice to e-mail: everything the mail needs and nothing more (no access code,
 * no letter text, no other person's data).
 *
 * @param id the outbox row
 * @param attempts how many times it has been claimed, this claim included
 * @param trackingNumber the letter's number
 * @param recipient the writer's e-mail address
 * @param locale the language the letter was written in (a BCP 47 tag)
 * @param notice what to tell
 */
public record PendingMail(long id, int attempts, String trackingNumber, String recipient, String locale,
		CitizenNotice notice) {

}
