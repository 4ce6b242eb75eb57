package cn.mailbox.moderation.redaction;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Passages that look confidential: a secrecy marking (秘密★, 机密, 绝密, 内部资料, 不得外传, 仅供内部 …,
 * listed with their scores in {@code redaction/confidential-markings.txt}) makes the
 * whole sentence that contains it a proposal. A bare 秘密 scores low: citizens write 商业秘密
 * and 个人秘密 without meaning a classified document.
 */
final class ConfidentialDetector implements Detector {

	private static final Pattern STAR_MARK = Pattern.compile("(?:绝密|机密|秘密)\\s*★|★\\s*(?:绝密|机密|秘密)");

	private final Map<String, Double> markings;

	ConfidentialDetector(Map<String, Double> markings) {
		this.markings = markings;
	}

	@Override
	public void detect(String text, List<Finding> out) {
		Matcher m = STAR_MARK.matcher(text);
		while (m.find()) {
			addSentence(text, m.start(), m.end(), 0.98, "secrecy-level marking " + m.group(), out);
		}
		for (Map.Entry<String, Double> marking : this.markings.entrySet()) {
			String word = marking.getKey();
			for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length())) {
				addSentence(text, at, at + word.length(), marking.getValue(), "confidentiality marking " + word, out);
			}
		}
	}

	private static void addSentence(String text, int from, int to, double score, String why, List<Finding> out) {
		int start = from;
		while (start > 0 && !isBoundary(text.charAt(start - 1))) {
			start--;
		}
		int end = to;
		while (end < text.length() && !isBoundary(text.charAt(end))) {
			end++;
		}
		if (end < text.length() && text.charAt(end) != '\n') {
			end++;
		}
		while (start < end && Character.isWhitespace(text.charAt(start))) {
			start++;
		}
		out.add(new Finding(RedactionKind.CONFIDENTIAL, start, end, score, why));
	}

	private static boolean isBoundary(char c) {
		return c == '。' || c == '！' || c == '？' || c == '!' || c == '?' || c == '；' || c == ';' || c == '\n';
	}

}
