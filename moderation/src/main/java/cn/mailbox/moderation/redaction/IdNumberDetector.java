package cn.mailbox.moderation.redaction;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resident ID numbers (GB 11643-1999): 18 chars with a province code, a birth date and
 * the ISO 7064 MOD 11-2 check digit. A number whose check digit is wrong is still
 * proposed, with a lower score, when the text calls it an ID number: a typo does not make
 * it less personal. First-generation 15-digit numbers are proposed only next to such a
 * keyword.
 */
final class IdNumberDetector implements Detector {

	private static final Pattern EIGHTEEN = Pattern
		.compile(Digits.NO_DIGIT_BEFORE + Digits.spaced(17, 17) + "[ \\-]?[0-9Xx]" + "(?![0-9])");

	private static final Pattern FIFTEEN = Pattern
		.compile(Digits.NO_DIGIT_BEFORE + Digits.spaced(15, 15) + Digits.NO_DIGIT_AFTER);

	private static final int[] WEIGHTS = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };

	private static final String CHECK_CHARS = "10X98765432";

	private static final Set<String> PROVINCES = Set.of("11", "12", "13", "14", "15", "21", "22", "23", "31", "32",
			"33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62",
			"63", "64", "65", "71", "81", "82", "83");

	private static final String[] CUES = { "身份证", "身份号", "证件号", "公民身份", "ID", "id号" };

	@Override
	public void detect(String text, List<Finding> out) {
		Matcher m = EIGHTEEN.matcher(text);
		while (m.find()) {
			String id = Digits.compact(m.group());
			if (!Digits.standsAlone(text, m.start(), m.end()) || !plausible(id.substring(0, 6), id.substring(6, 14))) {
				continue;
			}
			boolean cue = Digits.hasCueBefore(text, m.start(), 12, CUES);
			if (checkDigit(id) == id.charAt(17)) {
				out.add(new Finding(RedactionKind.ID_NUMBER, m.start(), m.end(), 0.99,
						"18-digit resident ID number: valid region, birth date and check digit"));
			}
			else {
				out.add(new Finding(RedactionKind.ID_NUMBER, m.start(), m.end(), cue ? 0.75 : 0.4,
						cue ? "ID number with a wrong check digit next to an ID keyword"
								: "looks like an ID number (region, birth date) but the check digit is wrong"));
			}
		}
		m = FIFTEEN.matcher(text);
		while (m.find()) {
			String id = Digits.compact(m.group());
			if (Digits.standsAlone(text, m.start(), m.end())
					&& plausible(id.substring(0, 6), "19" + id.substring(6, 12))
					&& Digits.hasCueBefore(text, m.start(), 12, CUES)) {
				out.add(new Finding(RedactionKind.ID_NUMBER, m.start(), m.end(), 0.7,
						"15-digit first-generation ID number next to an ID keyword"));
			}
		}
	}

	/** The check digit GB 11643 prescribes for the first 17 digits. */
	static char checkDigit(String id) {
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			sum += (id.charAt(i) - '0') * WEIGHTS[i];
		}
		return CHECK_CHARS.charAt(sum % 11);
	}

	private static boolean plausible(String region, String birth) {
		if (!PROVINCES.contains(region.substring(0, 2))) {
			return false;
		}
		try {
			LocalDate date = LocalDate.of(Integer.parseInt(birth.substring(0, 4)),
					Integer.parseInt(birth.substring(4, 6)), Integer.parseInt(birth.substring(6, 8)));
			return date.getYear() >= 1900 && !date.isAfter(LocalDate.now());
		}
		catch (DateTimeException ex) {
			return false;
		}
	}

}
