package cn.mailbox.site.pages;

import java.time.Instant;

/**
 * One step of a letter's handling timeline.
 *
 * @param key {@code received}, {@code accepted}, {@code assigned}, {@code replied} or
 * {@code published}; its label is the message {@code site.step.<key>}
 * @param at when it happened, or {@code null} when it did not (yet)
 */
public record TimelineStep(String key, Instant at) {

	public boolean done() {
		return this.at != null;
	}

}
