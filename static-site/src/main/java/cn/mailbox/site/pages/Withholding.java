package cn.mailbox.site.pages;

/**
 * Whether a satisfaction rate (满意率) is published, and if not, why. A rate over a handful
 * of ratings is a rating: a unit with one rating in a month would show that writer's
 * answer as 0 % or 100 % to anyone who knows who wrote. See {@link RatingDisclosure}.
 */
public enum Withholding {

	/**
	 * Published: the group and everything that could be subtracted from it are large
	 * enough.
	 */
	SHOWN,

	/** Fewer ratings than the minimum. */
	FEW_RATINGS,

	/**
	 * Enough ratings, but withheld because subtracting the published parts from it would
	 * leave a group of fewer ratings than the minimum (complementary suppression).
	 */
	PROTECTS_SMALL_GROUP,

	/**
	 * Not published for this kind of period: satisfaction is published per calendar month
	 * (and sums of whole months), never per week or for a window that cuts a month.
	 */
	WHOLE_MONTHS_ONLY;

	/** The message key that says why, for the pages. */
	public String messageKey() {
		return switch (this) {
			case SHOWN -> "site.figures.satisfaction";
			case FEW_RATINGS -> "site.figures.fewRatings";
			case PROTECTS_SMALL_GROUP -> "site.figures.protectsSmallGroup";
			case WHOLE_MONTHS_ONLY -> "site.figures.wholeMonthsOnly";
		};
	}

}
