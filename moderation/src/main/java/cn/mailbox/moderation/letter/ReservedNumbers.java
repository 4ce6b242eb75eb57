package cn.mailbox.moderation.letter;

import java.time.Instant;
import java.util.List;

/**
 * Tracking numbers and row ids reserved for letters about to be stored, one each, and the
 * time they count as received (the day in the numbers is that time's day).
 */
public record ReservedNumbers(List<String> numbers, List<Long> ids, Instant receivedAt) {

	public ReservedNumbers {
		numbers = List.copyOf(numbers);
		ids = List.copyOf(ids);
		if (numbers.size() != ids.size()) {
			throw new IllegalArgumentException(numbers.size() + " numbers for " + ids.size() + " ids");
		}
	}

}
