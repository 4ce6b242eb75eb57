package cn.mailbox.moderation.workflow;

import java.util.Arrays;
import java.util.Optional;

/**
 * The names of the workflow steps, as the {@code action} of {@code POST
 * /api/v1/staff/letters/{trackingNumber}/actions}; what the console lists as "the actions
 * allowed now".
 */
public enum ActionKind {

	ACCEPT("accept"), REJECT("reject"), KEEP("keep"), DEFER("defer"), RELEASE("release"), CONFIRM_SPAM("confirm_spam"),
	MERGE("merge"), DIRECT_REPLY("direct_reply"), ASSIGN("assign"), FORWARD("forward"), ESCALATE("escalate"),
	INSTRUCT("instruct"), INVESTIGATE("investigate"), REPORT_UP("report_up"), SIGN("sign"), RETURN("return"),
	REQUEST_EXTENSION("request_extension"), GRANT_EXTENSION("grant_extension"), DENY_EXTENSION("deny_extension"),
	REPLY("reply"), REMIND("remind"), REJECT_REPLY("reject_reply"), APPROVE("approve"), DISCLOSE("disclose"),
	WITHDRAW("withdraw"), REOPEN("reopen"), CLOSE("close");

	private final String code;

	ActionKind(String code) {
		this.code = code;
	}

	/** The wire name, as in {@code api.md}. */
	public String code() {
		return this.code;
	}

	public static Optional<ActionKind> fromCode(String code) {
		return Arrays.stream(values()).filter((kind) -> kind.code.equals(code)).findFirst();
	}

}
