package cn.mailbox.portal.screening;

import java.util.List;

/**
 * What duplicate screening found for a letter. A duplicate is linked to the earliest
 * matching letter in the window, never dropped; the moderator may merge it.
 */
public sealed interface DuplicateCheck {

	/** No earlier letter in the window has the same or nearly the same text. */
	record Unique() implements DuplicateCheck {
	}

	/**
	 * The normalised text equals that of earlier letters.
	 *
	 * @param earliestLetterId the earliest of them
	 * @param matchedLetterIds the matching letters in the lookup tables, earliest first
	 * (copies of a recent letter are not kept there: see
	 * {@link DuplicateIndex#checkAndAdd})
	 * @param sameSender whether the earliest came from the same sender (otherwise a
	 * campaign or a copy)
	 */
	record Exact(long earliestLetterId, List<Long> matchedLetterIds, boolean sameSender) implements DuplicateCheck {

		public Exact {
			matchedLetterIds = List.copyOf(matchedLetterIds);
		}

	}

	/**
	 * The text is nearly the same as that of earlier letters.
	 *
	 * @param earliestLetterId the earliest of them
	 * @param similarity estimated Jaccard similarity with the earliest
	 * @param matchedLetterIds the matching letters in the lookup tables, earliest first
	 * (copies of a recent letter are not kept there: see
	 * {@link DuplicateIndex#checkAndAdd})
	 * @param sameSender whether the earliest came from the same sender
	 */
	record Near(long earliestLetterId, double similarity, List<Long> matchedLetterIds,
			boolean sameSender) implements DuplicateCheck {

		public Near {
			matchedLetterIds = List.copyOf(matchedLetterIds);
		}

	}

}
