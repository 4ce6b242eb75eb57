package cn.mailbox.moderation.redaction;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * QQ numbers and WeChat ids. Both look like any other number or word, so only a context
 * word right before them (QQ号, qq:, 扣扣, 微信, 微信号, wx, vx …) makes them personal data. A
 * WeChat id is 6–20 chars starting with a letter, or a phone number, or a QQ number.
 */
final class ChatIdDetector implements Detector {

	private static final String LINK = "\\s*(?:号码|号|账号|帐号|ID|id)?\\s*(?:是|为|:|：|-)?\\s*";

	private static final Pattern QQ = Pattern
		.compile("(?<![A-Za-z])(?:[Qq]{2}|扣扣|企鹅号)" + LINK + "([1-9]\\d{4,11})" + Digits.NO_DIGIT_AFTER);

	private static final Pattern WECHAT = Pattern
		.compile("(?:微信|威信|薇信|(?<![A-Za-z])(?:[Ww][Xx]|[Vv][Xx]|[Vv]信|[Ww]eixin|[Ww]e[Cc]hat))" + LINK
				+ "([A-Za-z][-_A-Za-z0-9]{5,19}|(?:\\+?86)?1[3-9]\\d{9}|[1-9]\\d{4,11})(?![-_A-Za-z0-9])");

	/** Cheap test for any context word, so most letters skip both patterns. */
	private static final Pattern ANY_CUE = Pattern.compile("[QqWwVv微威薇扣企]");

	@Override
	public void detect(String text, List<Finding> out) {
		if (!ANY_CUE.matcher(text).find()) {
			return;
		}
		Matcher m = QQ.matcher(text);
		while (m.find()) {
			out.add(new Finding(RedactionKind.QQ, m.start(1), m.end(1), 0.9, "number after a QQ keyword"));
		}
		m = WECHAT.matcher(text);
		while (m.find()) {
			out.add(new Finding(RedactionKind.WECHAT, m.start(1), m.end(1), 0.9, "id after a WeChat keyword"));
		}
	}

}
