package cn.mailbox.search;

import java.util.Objects;

/**
 * One record in a result page.
 *
 * @param document the public record
 * @param snippet a short HTML fragment from the letter, reply or title: text is
 * HTML-escaped and matches are wrapped in {@code <mark>...</mark>}, so a page can insert
 * it as is
 * @param score the relevance score, or {@code NaN} when the order is not by relevance
 */
public record ArchiveHit(ArchiveDocument document, String snippet, float score) {

	public ArchiveHit {
		Objects.requireNonNull(document, "document");
		snippet = (snippet == null) ? "" : snippet;
	}

}
