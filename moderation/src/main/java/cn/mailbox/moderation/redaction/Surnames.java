package cn.mailbox.moderation.redaction;

import java.util.HashSet;
import java.util.Set;

/**
 * The surname list ({@code redaction/surnames.txt}): single and compound surnames, with
 * the ones that are also everyday morphemes (高, 方, 于 …) marked as ambiguous.
 */
final class Surnames {

	private final Set<String> single = new HashSet<>();

	private final Set<String> compound = new HashSet<>();

	private final Set<String> ambiguous = new HashSet<>();

	Surnames() {
		for (String[] row : WordLists.rows("surnames.txt")) {
			(row[0].length() == 1 ? this.single : this.compound).add(row[0]);
			if (row.length > 1 && row[1].equals("ambiguous")) {
				this.ambiguous.add(row[0]);
			}
		}
	}

	/** The length (2, 1) of the surname starting at {@code at}, or 0 when none does. */
	int lengthAt(CharSequence text, int at) {
		if (at + 2 <= text.length() && this.compound.contains(text.subSequence(at, at + 2).toString())) {
			return 2;
		}
		if (at < text.length() && this.single.contains(String.valueOf(text.charAt(at)))) {
			return 1;
		}
		return 0;
	}

	/**
	 * Whether the surname starting at {@code at} is one that rules may trust on its own.
	 */
	boolean trustedAt(CharSequence text, int at) {
		int length = lengthAt(text, at);
		return length == 2 || (length == 1 && !this.ambiguous.contains(String.valueOf(text.charAt(at))));
	}

}
