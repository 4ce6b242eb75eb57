package cn.mailbox.moderation.redaction;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link Redactor#detect} proposes.
 *
 * @param threshold spans scoring below this are not proposed (deny-list hits always are);
 * default {@code 0.5}
 * @param kinds the kinds to look for; default all. The writer's deny list is honoured for
 * every kind regardless.
 * @param statisticalNames whether HanLP's person-name recognition adds to the name rules;
 * default {@code true}. Without it only cue words, titles, 老X/小X forms and the deny list
 * find names.
 */
public record RedactionSettings(double threshold, Set<RedactionKind> kinds, boolean statisticalNames) {

	public RedactionSettings {
		if (!(threshold >= 0 && threshold <= 1)) {
			throw new IllegalArgumentException("Threshold out of [0, 1]: " + threshold);
		}
		Objects.requireNonNull(kinds, "kinds");
		kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
	}

	/** Threshold 0.5, all kinds, statistical names on. */
	public static RedactionSettings defaults() {
		return new RedactionSettings(0.5, EnumSet.allOf(RedactionKind.class), true);
	}

	/** These settings with another threshold. */
	public RedactionSettings withThreshold(double threshold) {
		return new RedactionSettings(threshold, this.kinds, this.statisticalNames);
	}

	/** These settings with statistical name recognition switched on or off. */
	public RedactionSettings withStatisticalNames(boolean statisticalNames) {
		return new RedactionSettings(this.threshold, this.kinds, statisticalNames);
	}

}
