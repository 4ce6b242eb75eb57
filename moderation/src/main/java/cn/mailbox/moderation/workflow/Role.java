package cn.mailbox.moderation.workflow;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a staff account may do in the workflow; an account may hold several roles.
 */
public enum Role {

	/** Manages the deployment; acts as a moderator on every letter. */
	ADMIN("admin"),

	/** 信箱管理员: screens, routes, audits and discloses letters of one mailbox (or all). */
	MODERATOR("moderator"),

	/** 承办单位: signs for, replies to, returns letters assigned to its unit. */
	UNIT_OFFICER("unit_officer"),

	/** 领导: writes instructions (批示) on escalated letters and investigations. */
	LEADER("leader");

	private final String code;

	Role(String code) {
		this.code = code;
	}

	/** The wire and database name, as in {@code api.md}. */
	public String code() {
		return this.code;
	}

	public static Optional<Role> fromCode(String code) {
		return Arrays.stream(values()).filter((role) -> role.code.equals(code)).findFirst();
	}

}
