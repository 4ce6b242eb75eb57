package cn.mailbox.site.pages;

import java.time.LocalDate;
import java.util.Objects;

/**
 * How many letters received on one day a unit (or the whole mailbox) handled: counts
 * only, never a letter, a rating or a comment. Domain.md makes the satisfaction rate per
 * unit and period public, not a letter's rating, so this is all the static site learns
 * about feedback.
 *
 * @param unit the unit code, {@code ""} for letters not assigned to a unit, or
 * {@code null} for every letter of the day counted once (a letter handled jointly counts
 * once for each of its units, so unit rows do not add up to the total)
 * @param nature the letters' nature code ({@code null} on the total rows): satisfaction
 * is published per unit and nature by the API, so the disclosure rule needs the cells at
 * that grain
 * @param day the day received, in the deployment's time zone
 * @param received letters received
 * @param replied of those, letters whose reply the citizen has
 * @param rated of those, letters the citizen rated
 * @param satisfied of the rated, those rated satisfied or basically satisfied
 */
public record HandlingCount(String unit, String nature, LocalDate day, long received, long replied, long rated,
		long satisfied) {

	public HandlingCount {
		Objects.requireNonNull(day, "day");
		if (received < 0 || replied < 0 || rated < 0 || satisfied < 0 || satisfied > rated) {
			throw new IllegalArgumentException("counts must not be negative and satisfied must not exceed rated");
		}
	}

	/** Whether the row counts every letter of the day rather than one unit's. */
	public boolean total() {
		return this.unit == null;
	}

}
