package cn.mailbox.moderation.workflow;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a letter is not accepted (不予受理): the scope list of the domain. The citizen is told
 * the reason, so each has the label they see.
 */
public enum ScopeReason {

	PARTY_AFFAIRS("party_affairs", "属党委职权范围"),

	PEOPLES_CONGRESS("peoples_congress", "属人大职权范围"),

	CPPCC("cppcc", "属政协职权范围"),

	MILITARY("military", "属军队职权范围"),

	COURT("court", "属法院职权范围"),

	PROCURATORATE("procuratorate", "属检察院职权范围"),

	OFFICIAL_DOCUMENT("official_document", "公文类来信"),

	MALICIOUS_ATTACK("malicious_attack", "恶意攻击"),

	EMPTY_CONTENT("empty_content", "内容空洞或无实际意义"),

	ADVERTISING("advertising", "广告"),

	DUPLICATE("duplicate", "内容重复"),

	/** Complaints and reports need a real name and a contact. */
	MISSING_IDENTITY("missing_identity", "投诉、举报未留真实姓名和联系方式");

	private final String code;

	private final String label;

	ScopeReason(String code, String label) {
		this.code = code;
		this.label = label;
	}

	/** The wire and database name. */
	public String code() {
		return this.code;
	}

	/** The zh-CN text the citizen sees. */
	public String label() {
		return this.label;
	}

	public static Optional<ScopeReason> fromCode(String code) {
		return Arrays.stream(values()).filter((reason) -> reason.code.equals(code)).findFirst();
	}

}
