package cn.mailbox.portal.screening;

import java.util.Objects;

/**
 * One reason behind a spam score: a code for machines and a sentence for the moderator.
 *
 * @param code the stable reason code
 * @param text what the moderator reads (zh-CN)
 * @param weight how much this reason added to the score's log-odds
 */
public record ScreeningReason(ReasonCode code, String text, double weight) {

	public ScreeningReason {
		Objects.requireNonNull(code, "code");
		Objects.requireNonNull(text, "text");
	}

}
