package cn.mailbox.moderation.disclosure;

/**
 * One span of a moderator's reviewed redaction list, as it arrives: nothing is checked
 * here, so that {@link RedactionReview} can report every problem of a list at once (by
 * field) instead of the first.
 *
 * @param target {@code letter}, {@code reply} or {@code title}
 * @param start first char, inclusive
 * @param end last char, exclusive
 * @param kind a {@link cn.mailbox.moderation.redaction.RedactionKind} name, any case
 */
public record ReviewedSpan(String target, Integer start, Integer end, String kind) {

}
