package cn.mailbox.moderation.redaction;

/**
 * What a redaction hides. Each kind has the typed label that replaces it in public text.
 * <p>
 * An enum rather than a sealed interface: the kinds carry no data of their own beyond the
 * label, an enum switch is just as exhaustive, and {@code EnumMap}/{@code EnumSet} make
 * the per-kind settings and evaluation tables cheap. The {@link #name()} is the
 * {@code kind} of a redaction proposal in the staff API.
 */
public enum RedactionKind {

	NAME("[姓名]"), PHONE("[电话]"), ID_NUMBER("[身份证号]"), EMAIL("[邮箱]"), BANK_CARD("[银行卡号]"), PLATE("[车牌]"),
	IP_ADDRESS("[IP地址]"), QQ("[QQ号]"), WECHAT("[微信号]"), ADDRESS("[地址]"), CONFIDENTIAL("[涉密内容]");

	private final String label;

	RedactionKind(String label) {
		this.label = label;
	}

	/** The typed label written in place of a redacted span, e.g. {@code [电话]}. */
	public String label() {
		return this.label;
	}

}
