package cn.mailbox.moderation.redaction;

import java.util.List;

/**
 * One rule family that finds one or two kinds of personal data in normalised text.
 * Sealed: the set of detectors is part of what this package promises to find.
 */
sealed interface Detector permits IdNumberDetector, PhoneDetector, EmailDetector, BankCardDetector, PlateDetector,
		IpAddressDetector, ChatIdDetector, AddressDetector, NameDetector, ConfidentialDetector {

	/** Adds every hit in {@code text} (already normalised) to {@code out}. */
	void detect(String text, List<Finding> out);

}
