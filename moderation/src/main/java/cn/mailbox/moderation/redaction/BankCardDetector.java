package cn.mailbox.moderation.redaction;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bank card numbers: 16–19 digits. The Luhn check and an issuer prefix (3–6: UnionPay 62,
 * Visa, Mastercard, JCB) make a number likely; a context word (银行卡, 卡号, 账号 …) makes it
 * near certain, and is enough on its own for a number that fails Luhn. A valid resident
 * ID number is left to {@link IdNumberDetector}.
 */
final class BankCardDetector implements Detector {

	private static final Pattern CARD = Pattern.compile(Digits.NO_DIGIT_BEFORE + Digits.spaced(16, 19) + "(?![0-9Xx])");

	private static final String[] CUES = { "银行卡", "卡号", "账号", "帐号", "储蓄卡", "信用卡", "借记卡", "账户", "帐户", "开户", "工资卡", "社保卡",
			"银行" };

	@Override
	public void detect(String text, List<Finding> out) {
		Matcher m = CARD.matcher(text);
		while (m.find()) {
			if (!Digits.standsAlone(text, m.start(), m.end())) {
				continue;
			}
			String digits = Digits.compact(m.group());
			if (digits.length() == 18 && IdNumberDetector.checkDigit(digits) == digits.charAt(17)) {
				continue;
			}
			boolean luhn = Digits.luhn(digits);
			boolean issuer = digits.charAt(0) >= '3' && digits.charAt(0) <= '6';
			boolean cue = Digits.hasCueBefore(text, m.start(), 15, CUES);
			double score;
			if (luhn && cue) {
				score = 0.97;
			}
			else if (luhn && issuer) {
				score = 0.85;
			}
			else if (cue) {
				score = 0.65;
			}
			else if (luhn) {
				score = 0.4;
			}
			else {
				continue;
			}
			out.add(new Finding(RedactionKind.BANK_CARD, m.start(), m.end(), score,
					(luhn ? "Luhn-valid " : "Luhn-invalid ") + digits.length() + "-digit card number"
							+ (cue ? " next to a bank keyword" : "")));
		}
	}

}
