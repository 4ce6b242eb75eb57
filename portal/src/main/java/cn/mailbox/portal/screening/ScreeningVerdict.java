package cn.mailbox.portal.screening;

import java.util.List;

/**
 * The spam screen's result for one letter. A quarantined letter is held for a moderator
 * to confirm or release; it is never dropped.
 *
 * @param spamScore 0 (surely a letter) to 1 (surely spam)
 * @param quarantined whether the score reached the configured threshold
 * @param reasons what raised the score, strongest first
 */
public record ScreeningVerdict(double spamScore, boolean quarantined, List<ScreeningReason> reasons) {

	public ScreeningVerdict {
		if (!(spamScore >= 0 && spamScore <= 1)) {
			throw new IllegalArgumentException("spamScore must be in 0..1, was " + spamScore);
		}
		reasons = List.copyOf(reasons);
	}

	/** Whether a reason with this code was given. */
	public boolean hasReason(ReasonCode code) {
		return this.reasons.stream().anyMatch(reason -> reason.code() == code);
	}

}
