package cn.mailbox.moderation.redaction;

import java.util.List;

/**
 * The proposals for one letter and its reply, each list sorted by start offset and
 * referring to its own original text.
 *
 * @param letterSpans spans of the letter body
 * @param replySpans spans of the official reply (empty when there is no reply)
 */
public record RedactionResult(List<RedactionSpan> letterSpans, List<RedactionSpan> replySpans) {

	public RedactionResult {
		letterSpans = List.copyOf(letterSpans);
		replySpans = List.copyOf(replySpans);
	}

}
