package cn.mailbox.site.pages;

/**
 * A satisfaction rate as it may be published: the counts when the rule allows it, nothing
 * but the reason when it does not.
 *
 * @param withholding whether it is published
 * @param rated ratings counted (0 when withheld)
 * @param satisfied of those, satisfied or basically satisfied (0 when withheld)
 */
public record SatisfactionFigure(Withholding withholding, long rated, long satisfied) {

	public SatisfactionFigure {
		if (withholding != Withholding.SHOWN && (rated != 0 || satisfied != 0)) {
			throw new IllegalArgumentException("a withheld satisfaction rate keeps no counts");
		}
	}

	static SatisfactionFigure of(Withholding withholding, long rated, long satisfied) {
		return (withholding == Withholding.SHOWN) ? new SatisfactionFigure(withholding, rated, satisfied)
				: new SatisfactionFigure(withholding, 0, 0);
	}

	/** 满意率, 0 when nothing was rated, {@code null} when withheld. */
	public Double rate() {
		if (this.withholding != Withholding.SHOWN) {
			return null;
		}
		return (this.rated == 0) ? 0.0 : (double) this.satisfied / this.rated;
	}

}
