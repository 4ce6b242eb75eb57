package cn.mailbox.moderation.redaction;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** E-mail addresses; full-width {@code ＠} was folded to {@code @} by normalisation. */
final class EmailDetector implements Detector {

	private static final Pattern EMAIL = Pattern.compile(
			"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,12}(?![A-Za-z])");

	@Override
	public void detect(String text, List<Finding> out) {
		if (text.indexOf('@') < 0) {
			return;
		}
		Matcher m = EMAIL.matcher(text);
		while (m.find()) {
			out.add(new Finding(RedactionKind.EMAIL, m.start(), m.end(), 0.97, "e-mail address"));
		}
	}

}
