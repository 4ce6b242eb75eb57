package cn.mailbox.moderation.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the writer's own form fields in normalised text. Numbers match with any spaces or
 * dashes between digits and with or without +86; the name and address match with spaces
 * between chars; an address also matches by its part below the district, which is how
 * letters usually repeat it.
 */
final class DenyListMatcher {

	private final List<Entry> entries = new ArrayList<>();

	private record Entry(RedactionKind kind, Pattern pattern, String field, boolean number) {
	}

	DenyListMatcher(DenyList writer) {
		addText(RedactionKind.NAME, writer.name(), "name");
		addNumber(RedactionKind.PHONE, phoneDigits(writer.phone()), "phone", true);
		if (isLandline(phoneDigits(writer.phone()))) {
			String digits = phoneDigits(writer.phone());
			addNumber(RedactionKind.PHONE, digits.substring(digits.startsWith("01") || digits.startsWith("02") ? 3 : 4),
					"phone", false);
		}
		String email = normalised(writer.email());
		if (!email.isBlank()) {
			this.entries.add(new Entry(RedactionKind.EMAIL,
					Pattern.compile(Pattern.quote(email.strip()), Pattern.CASE_INSENSITIVE), "e-mail", false));
		}
		addNumber(RedactionKind.ID_NUMBER, Digits.compact(normalised(writer.idNumber())), "ID number", false);
		String address = normalised(writer.address()).replaceAll("\\s+", "");
		addText(RedactionKind.ADDRESS, address, "address");
		int district = Math.max(Math.max(address.lastIndexOf('区'), address.lastIndexOf('县')),
				Math.max(address.lastIndexOf('市'), address.lastIndexOf('镇')));
		if (district >= 0 && address.length() - district - 1 >= 4) {
			addText(RedactionKind.ADDRESS, address.substring(district + 1), "address");
		}
	}

	/** Adds a finding with score 1 for every occurrence of every field. */
	void detect(String text, List<Finding> out) {
		for (Entry entry : this.entries) {
			Matcher m = entry.pattern().matcher(text);
			while (m.find()) {
				if (entry.number() && !Digits.standsAlone(text, m.start(), m.end())) {
					continue;
				}
				out.add(new Finding(entry.kind(), m.start(), m.end(), 1.0, "the writer's own " + entry.field()));
			}
		}
	}

	private void addText(RedactionKind kind, String value, String field) {
		String text = normalised(value).replaceAll("\\s+", "");
		if (text.length() < 2) {
			return;
		}
		StringBuilder regex = new StringBuilder();
		text.codePoints().forEach((cp) -> {
			if (!regex.isEmpty()) {
				regex.append("\\s*");
			}
			regex.append(Pattern.quote(Character.toString(cp)));
		});
		this.entries.add(new Entry(kind, Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE), field, false));
	}

	private void addNumber(RedactionKind kind, String digits, String field, boolean countryCode) {
		if (digits.length() < 5) {
			return;
		}
		StringBuilder regex = new StringBuilder(Digits.NO_DIGIT_BEFORE);
		if (countryCode) {
			regex.append("(?:(?:\\+|00)?86[ \\-]?)?");
		}
		for (int i = 0; i < digits.length(); i++) {
			if (i > 0) {
				regex.append("[ \\-]?");
			}
			char c = digits.charAt(i);
			regex.append(c == 'X' ? "[Xx]" : String.valueOf(c));
		}
		regex.append(Digits.NO_DIGIT_AFTER);
		this.entries.add(new Entry(kind, Pattern.compile(regex.toString()), field, true));
	}

	private static String phoneDigits(String phone) {
		String digits = Digits.compact(normalised(phone)).replace("X", "");
		if (digits.startsWith("0086")) {
			digits = digits.substring(4);
		}
		else if (digits.startsWith("86") && digits.length() == 13) {
			digits = digits.substring(2);
		}
		return digits;
	}

	private static boolean isLandline(String digits) {
		return digits.startsWith("0") && digits.length() >= 10;
	}

	private static String normalised(String value) {
		return (value == null) ? "" : NormalizedText.of(value).text();
	}

}
