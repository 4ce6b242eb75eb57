package cn.mailbox.moderation.redaction;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mainland mobile numbers (1[3-9] + 9 digits, optional +86/0086/86) and landlines (area
 * code 0xx/0xxx + 7 or 8 digits, optional extension). Digits may be split by spaces or
 * dashes, and a number inside a longer digit run (an order number, an ID number) is never
 * matched. A local 7–8 digit number without area code is proposed only next to a phone
 * keyword.
 */
final class PhoneDetector implements Detector {

	private static final Pattern MOBILE = Pattern
		.compile(Digits.NO_DIGIT_BEFORE + "(?:(?:\\+|00)?86[ \\-]?)?1[ \\-]?[3-9](?:[ \\-]?\\d){9}"
		// an ID number's last 11 chars are no phone: 330106 19551206903X
				+ "(?![0-9Xx])");

	private static final Pattern LANDLINE = Pattern
		.compile(Digits.NO_DIGIT_BEFORE + "(?:\\(0[1-9]\\d{1,2}\\)|0[1-9]\\d{1,2})([ \\-]?)[2-9](?:[ \\-]?\\d){6,7}"
				+ "(?:(?:转|-|ext\\.?|分机)\\d{1,5})?" + Digits.NO_DIGIT_AFTER);

	private static final Pattern LOCAL = Pattern
		.compile(Digits.NO_DIGIT_BEFORE + "[2-9]\\d{2,3}[ \\-]?\\d{4}" + Digits.NO_DIGIT_AFTER);

	private static final String[] CUES = { "电话", "手机", "座机", "固话", "联系方式", "热线", "致电", "拨打", "tel", "Tel", "TEL" };

	@Override
	public void detect(String text, List<Finding> out) {
		Matcher m = MOBILE.matcher(text);
		while (m.find()) {
			if (!Digits.standsAlone(text, m.start(), m.end())) {
				continue;
			}
			out.add(new Finding(RedactionKind.PHONE, m.start(), m.end(), 0.95, "mainland mobile number"));
		}
		m = LANDLINE.matcher(text);
		while (m.find()) {
			if (!Digits.standsAlone(text, m.start(), m.end())) {
				continue;
			}
			boolean separated = !m.group(1).isEmpty() || text.charAt(m.start()) == '(';
			boolean cue = Digits.hasCueBefore(text, m.start(), 10, CUES);
			out.add(new Finding(RedactionKind.PHONE, m.start(), m.end(), (separated || cue) ? 0.9 : 0.7,
					"landline number with area code"));
		}
		m = LOCAL.matcher(text);
		while (m.find()) {
			if (Digits.standsAlone(text, m.start(), m.end()) && Digits.hasCueBefore(text, m.start(), 8, CUES)) {
				out.add(new Finding(RedactionKind.PHONE, m.start(), m.end(), 0.7,
						"local landline number next to a phone keyword"));
			}
		}
	}

}
