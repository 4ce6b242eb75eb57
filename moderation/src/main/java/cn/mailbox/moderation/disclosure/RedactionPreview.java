package cn.mailbox.moderation.disclosure;

/**
 * What the public would read if the letter were disclosed now with the reviewed
 * redactions: for the moderator's last look. A part not chosen for publication is
 * {@code null}.
 *
 * @param title the redacted title (published with either part)
 * @param letter the redacted letter, or {@code null}
 * @param reply the redacted reply, or {@code null}
 */
public record RedactionPreview(String title, String letter, String reply) {

}
