package cn.mailbox.moderation.letter;

import java.util.Arrays;
import java.util.Optional;

/**
 * The nature (性质) a citizen gives a letter. It decides the default handling limit and
 * whether a real name and contact are required.
 */
public enum Nature {

	CONSULTATION("consultation", 3), HELP("help", 5), COMPLAINT("complaint", 5), REPORT("report", 10),
	SUGGESTION("suggestion", 5), PRAISE("praise", 3), OTHER("other", 3);

	private final String code;

	private final int defaultLimitDays;

	Nature(String code, int defaultLimitDays) {
		this.code = code;
		this.defaultLimitDays = defaultLimitDays;
	}

	/** The wire and database name, as in {@code api.md}. */
	public String code() {
		return this.code;
	}

	/**
	 * The handling limit in working days from the 12345 rules; deployments may override
	 * it.
	 */
	public int defaultLimitDays() {
		return this.defaultLimitDays;
	}

	/**
	 * Complaints and reports (投诉/举报) are only accepted with a real name and a contact.
	 */
	public boolean requiresIdentity() {
		return this == COMPLAINT || this == REPORT;
	}

	public static Optional<Nature> fromCode(String code) {
		return Arrays.stream(values()).filter((nature) -> nature.code.equals(code)).findFirst();
	}

}
