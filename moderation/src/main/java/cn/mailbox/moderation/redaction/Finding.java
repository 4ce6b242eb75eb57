package cn.mailbox.moderation.redaction;

/**
 * A detector's hit in normalised-text offsets; {@link Redactor} maps it back to the
 * original.
 */
record Finding(RedactionKind kind, int start, int end, double score, String explanation) {

}
