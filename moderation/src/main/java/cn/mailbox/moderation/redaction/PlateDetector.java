package cn.mailbox.moderation.redaction;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mainland licence plates: a province abbreviation, the issuing-office letter, then five
 * chars (ordinary plates, e.g. 湘A12345) or six (new-energy plates, e.g. 湘AD12345,
 * 湘A12345F). The letters I and O are never used on plates.
 */
final class PlateDetector implements Detector {

	private static final Pattern PLATE = Pattern.compile(
			"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]([A-HJ-NP-Za-hj-np-z])[·•. \\-]?([A-HJ-NP-Za-hj-np-z0-9]{5,6})([挂学警港澳])?(?![A-Za-z0-9])");

	private static final Pattern ORDINARY = Pattern.compile("(?=(?:[^0-9]*[0-9]){3})[A-Z0-9]{5}");

	private static final Pattern NEW_ENERGY = Pattern.compile("[DABCEFGHJK][A-HJ-NP-Z0-9]\\d{4}|\\d{5}[DABCEFGHJK]");

	@Override
	public void detect(String text, List<Finding> out) {
		Matcher m = PLATE.matcher(text);
		while (m.find()) {
			String tail = m.group(2).toUpperCase(Locale.ROOT);
			if (tail.length() == 5 && ORDINARY.matcher(tail).matches()) {
				out.add(new Finding(RedactionKind.PLATE, m.start(), m.end(), 0.9, "licence plate"));
			}
			else if (tail.length() == 6 && NEW_ENERGY.matcher(tail).matches()) {
				out.add(new Finding(RedactionKind.PLATE, m.start(), m.end(), 0.9, "new-energy licence plate"));
			}
		}
	}

}
