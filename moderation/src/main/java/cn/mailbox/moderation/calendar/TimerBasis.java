package cn.mailbox.moderation.calendar;

/**
 * What a handling timer runs from and which limit applies by default.
 */
public enum TimerBasis {

	/** Answered directly by the moderator: timed from receipt, the nature's limit. */
	DIRECT_REPLY("direct_reply"),

	/** Assigned to one unit: timed from assignment, the nature's limit. */
	ASSIGNMENT("assignment"),

	/** Handled jointly (会签) by several units: timed from assignment, the joint limit. */
	JOINT_HANDLING("joint_handling"),

	/**
	 * Assigned after a leader's instruction (批示): timed from assignment, the joint limit.
	 */
	LEADER_INSTRUCTION("leader_instruction");

	private final String code;

	TimerBasis(String code) {
		this.code = code;
	}

	/** The wire and database name. */
	public String code() {
		return this.code;
	}

	boolean usesJointLimit() {
		return this == JOINT_HANDLING || this == LEADER_INSTRUCTION;
	}

}
