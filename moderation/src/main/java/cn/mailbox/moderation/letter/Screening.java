package cn.mailbox.moderation.letter;

import java.util.List;
import java.util.Set;

/**
 * What intake screening found on a new letter, stored with it for the moderator: a spam
 * score with its reasons, scope flags (受理范围), and the near-duplicate signature.
 */
public record Screening(double spamScore, boolean quarantined, List<String> reasons, Set<String> scopeFlags,
		byte[] signature) {

	public Screening {
		reasons = List.copyOf(reasons);
		scopeFlags = Set.copyOf(scopeFlags);
		signature = (signature != null) ? signature.clone() : null;
	}

	@Override
	public byte[] signature() {
		return (this.signature != null) ? this.signature.clone() : null;
	}

}
