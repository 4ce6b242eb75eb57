package cn.mailbox.moderation.redaction;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IPv4 addresses (dotted quad, each part 0–255) and IPv6 addresses (full or
 * {@code ::}-compressed).
 */
final class IpAddressDetector implements Detector {

	private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";

	private static final Pattern IPV4 = Pattern
		.compile("(?<![\\d.])" + OCTET + "(?:\\." + OCTET + "){3}(?![\\d]|\\.\\d)");

	private static final Pattern IPV6_CANDIDATE = Pattern
		.compile("(?<![0-9A-Fa-f])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,8}(?![0-9A-Za-z:])");

	@Override
	public void detect(String text, List<Finding> out) {
		Matcher m = IPV4.matcher(text);
		while (m.find()) {
			out.add(new Finding(RedactionKind.IP_ADDRESS, m.start(), m.end(), 0.9, "IPv4 address"));
		}
		if (text.indexOf(':') < 0) {
			return;
		}
		m = IPV6_CANDIDATE.matcher(text);
		while (m.find()) {
			int start = m.start();
			String candidate = m.group();
			if (candidate.startsWith(":") && !candidate.startsWith("::")) {
				// a colon after a label such as "ip:" is punctuation, not part of the
				// address
				start++;
				candidate = candidate.substring(1);
			}
			if (isIpv6(candidate)) {
				out.add(new Finding(RedactionKind.IP_ADDRESS, start, m.end(), 0.9, "IPv6 address"));
			}
		}
	}

	static boolean isIpv6(String s) {
		int compressed = s.indexOf("::");
		if (compressed >= 0 && s.indexOf("::", compressed + 1) >= 0) {
			return false;
		}
		String body = (compressed >= 0) ? s.replace("::", ":Z:") : s;
		String[] groups = body.split(":", -1);
		int count = 0;
		for (String group : groups) {
			if (group.equals("Z")) {
				continue;
			}
			if (group.isEmpty()) {
				// only allowed at the ends next to "::"
				continue;
			}
			count++;
		}
		if (compressed < 0) {
			return groups.length == 8 && count == 8;
		}
		// a compressed address needs at least one hex letter or two groups, so times like
		// 12::30 are rare
		return count >= 2 && count <= 7 && s.chars().anyMatch(Character::isLetter) || count >= 3 && count <= 7;
	}

}
