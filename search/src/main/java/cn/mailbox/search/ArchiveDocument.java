package cn.mailbox.search;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A published letter as the public archive shows it: the only type the search index
 * accepts.
 * <p>
 * It carries the redacted letter and reply and the handling timer, never the writer's
 * name, contact or address, so a private field cannot reach the index by construction.
 * Everything the archive API answers is stored, so a hit can be rendered from the index
 * alone.
 *
 * @param trackingNumber the letter's number (文号), unique key of the index
 * @param mailbox the mailbox code the letter was written to
 * @param nature the nature code (consultation, complaint, ...)
 * @param field the field (领域) code, or {@code null}
 * @param region the region (地区) code, or {@code null}
 * @param units the units that handled the letter (several for joint handling), may be
 * empty
 * @param title the title
 * @param letter the redacted letter text, or {@code null} when the letter is not
 * disclosed
 * @param reply the redacted reply text, or {@code null} when the reply is not disclosed
 * @param receivedAt when the letter was received
 * @param acceptedAt when it was accepted, or {@code null}
 * @param assignedAt when it was assigned, or {@code null} (answered directly)
 * @param repliedAt when the reply was given, or {@code null}
 * @param publishedAt when it was published
 * @param workingDays working days used
 * @param limitDays working days allowed
 * @param onTime whether it was answered within the limit
 * @param reminders reminders (催办) sent
 * @param extensionDays working days added by extensions
 */
public record ArchiveDocument(String trackingNumber, String mailbox, String nature, String field, String region,
		List<String> units, String title, String letter, String reply, Instant receivedAt, Instant acceptedAt,
		Instant assignedAt, Instant repliedAt, Instant publishedAt, int workingDays, int limitDays, boolean onTime,
		int reminders, int extensionDays) {

	public ArchiveDocument {
		trackingNumber = requireText(trackingNumber, "trackingNumber");
		mailbox = requireText(mailbox, "mailbox");
		nature = requireText(nature, "nature");
		field = blankToNull(field);
		region = blankToNull(region);
		units = List.copyOf(Objects.requireNonNull(units, "units")).stream().map(String::strip).distinct().toList();
		if (units.stream().anyMatch(String::isEmpty)) {
			throw new IllegalArgumentException("units must not contain blank names");
		}
		title = Objects.requireNonNull(title, "title");
		Objects.requireNonNull(receivedAt, "receivedAt");
		Objects.requireNonNull(publishedAt, "publishedAt");
		if (workingDays < 0 || limitDays < 0 || reminders < 0 || extensionDays < 0) {
			throw new IllegalArgumentException("day counts and reminders must not be negative");
		}
	}

	private static String requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
		return value.strip();
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
