package cn.mailbox.portal.archive;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * A conservative redaction pass for imports: masks resident ID numbers (17 digits and a
 * check character), e-mail addresses, and phone-like digit runs (7 or more digits, mobile
 * numbers written with spaces or hyphens, landlines with an area code). It masks too much
 * rather than too little: an order or case number of 7+ digits is masked too. Half- and
 * full-width digits are both recognised.
 */
@Component
class BuiltInImportRedaction implements ImportRedaction {

	private static final String D = "[0-9０-９]";

	private static final Pattern ID_NUMBER = Pattern.compile(D + "{17}[0-9０-９Xx]");

	private static final Pattern EMAIL = Pattern
		.compile("[A-Za-z0-9._%+\\-]+@[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)*\\.[A-Za-z]{2,}");

	private static final Pattern MOBILE = Pattern.compile("1" + D + "{2}[ \\-－]" + D + "{4}[ \\-－]" + D + "{4}");

	private static final Pattern LANDLINE = Pattern.compile("0" + D + "{2,3}[\\-－ ]" + D + "{7,8}");

	private static final Pattern DIGIT_RUN = Pattern.compile(D + "{7,}");

	@Override
	public String redact(String text) {
		String masked = text;
		for (Pattern pattern : new Pattern[] { ID_NUMBER, EMAIL, MOBILE, LANDLINE, DIGIT_RUN }) {
			masked = mask(pattern, masked);
		}
		return masked;
	}

	private static String mask(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		if (!matcher.find()) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length());
		do {
			matcher.appendReplacement(out, "*".repeat(matcher.group().length()));
		}
		while (matcher.find());
		matcher.appendTail(out);
		return out.toString();
	}

}
