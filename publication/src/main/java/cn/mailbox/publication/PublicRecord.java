package cn.mailbox.publication;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import cn.mailbox.search.ArchiveDocument;

/**
 * A letter as it may be shown to the public: redacted letter and reply plus the handling
 * timer.
 * <p>
 * This is the only input of the publication module. The moderation module builds it from
 * the approved redactions; there is no field for the writer's name, contact, address or
 * IP, so private data cannot be published by passing the wrong object.
 *
 * @param trackingNumber the letter's number (文号)
 * @param mailbox the mailbox code the letter was written to
 * @param nature the nature code (consultation, complaint, ...)
 * @param field the field (领域) code, or {@code null}
 * @param region the region (地区) code, or {@code null}
 * @param units the units that handled it, may be empty
 * @param title the (redacted) title
 * @param letter the redacted letter text, or {@code null} when the letter is not
 * disclosed
 * @param reply the redacted reply, or {@code null} when the reply is not disclosed
 * @param receivedAt when the letter was received
 * @param acceptedAt when it was accepted, or {@code null}
 * @param assignedAt when it was assigned, or {@code null} (answered directly)
 * @param repliedAt when it was replied, or {@code null}
 * @param publishedAt when it is published
 * @param workingDays working days used
 * @param limitDays working days allowed
 * @param onTime whether it was answered within the limit
 * @param reminders reminders (催办) sent
 * @param extensionDays working days added by extensions
 */
public record PublicRecord(String trackingNumber, String mailbox, String nature, String field, String region,
		List<String> units, String title, String letter, String reply, Instant receivedAt, Instant acceptedAt,
		Instant assignedAt, Instant repliedAt, Instant publishedAt, int workingDays, int limitDays, boolean onTime,
		int reminders, int extensionDays) {

	public PublicRecord {
		trackingNumber = requireText(trackingNumber, "trackingNumber");
		mailbox = requireText(mailbox, "mailbox");
		nature = requireText(nature, "nature");
		field = blankToNull(field);
		region = blankToNull(region);
		units = List.copyOf(Objects.requireNonNull(units, "units"))
			.stream()
			.map(String::strip)
			.filter((unit) -> !unit.isEmpty())
			.distinct()
			.toList();
		title = requireText(title, "title");
		Objects.requireNonNull(receivedAt, "receivedAt");
		Objects.requireNonNull(publishedAt, "publishedAt");
		if (workingDays < 0 || limitDays < 0 || reminders < 0 || extensionDays < 0) {
			throw new IllegalArgumentException("day counts and reminders must not be negative");
		}
	}

	/** The same record as the search index takes it. */
	public ArchiveDocument toDocument() {
		return new ArchiveDocument(this.trackingNumber, this.mailbox, this.nature, this.field, this.region, this.units,
				this.title, this.letter, this.reply, this.receivedAt, this.acceptedAt, this.assignedAt, this.repliedAt,
				this.publishedAt, this.workingDays, this.limitDays, this.onTime, this.reminders, this.extensionDays);
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
