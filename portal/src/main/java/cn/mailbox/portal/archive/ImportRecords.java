package cn.mailbox.portal.archive;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import cn.mailbox.moderation.calendar.WorkingDayCalendar;
import cn.mailbox.moderation.letter.Nature;
import cn.mailbox.publication.PublicRecord;
import cn.mailbox.search.ArchiveIndex;

/**
 * Turns an imported line into a redacted public record, or says which field is wrong.
 * Numbers and dates are kept as imported; the working days are counted on the bundled
 * working-day calendar from the day received to the day replied, against the nature's
 * default limit.
 */
@Component
class ImportRecords {

	private static final Pattern TRACKING_NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_/\\-]{0,39}");

	private static final int MAX_TITLE = 200;

	private final ImportRedaction redaction;

	private final WorkingDayCalendar calendar;

	private final ZoneId zone = ArchiveIndex.DEFAULT_ZONE;

	/** Loads the bundled calendar here, at start-up, never inside a request. */
	@Autowired
	ImportRecords(ImportRedaction redaction) {
		this(redaction, WorkingDayCalendar.bundled());
	}

	ImportRecords(ImportRedaction redaction, WorkingDayCalendar calendar) {
		this.redaction = redaction;
		this.calendar = calendar;
	}

	/** The outcome for one line. */
	sealed interface Outcome {

	}

	/** The line becomes this record. */
	record Accepted(PublicRecord record) implements Outcome {

	}

	/**
	 * The line is refused: {@code code} is a message key suffix, {@code field} its
	 * argument.
	 */
	record Refused(String code, String field) implements Outcome {

	}

	Outcome convert(ImportLine line, Instant now) {
		if (line == null) {
			return new Refused("malformed", "");
		}
		for (String[] required : List.of(new String[] { "trackingNumber", line.trackingNumber() },
				new String[] { "mailbox", line.mailbox() }, new String[] { "nature", line.nature() },
				new String[] { "title", line.title() }, new String[] { "body", line.body() },
				new String[] { "receivedAt", line.receivedAt() }, new String[] { "reply", line.reply() },
				new String[] { "repliedAt", line.repliedAt() })) {
			if (required[1] == null || required[1].isBlank()) {
				return new Refused("missing", required[0]);
			}
		}
		if (!TRACKING_NUMBER.matcher(line.trackingNumber().strip()).matches()) {
			return new Refused("invalid", "trackingNumber");
		}
		Optional<Nature> nature = Nature.fromCode(line.nature().strip());
		if (nature.isEmpty()) {
			return new Refused("invalid", "nature");
		}
		if (line.title().strip().length() > MAX_TITLE) {
			return new Refused("invalid", "title");
		}
		Instant received = instant(line.receivedAt());
		if (received == null) {
			return new Refused("invalid", "receivedAt");
		}
		Instant replied = instant(line.repliedAt());
		if (replied == null || replied.isBefore(received)) {
			return new Refused("invalid", "repliedAt");
		}
		int workingDays = this.calendar.workingDaysBetween(day(received), day(replied));
		int limitDays = nature.get().defaultLimitDays();
		List<String> units = (line.unit() == null || line.unit().isBlank()) ? List.of() : List.of(line.unit());
		return new Accepted(new PublicRecord(line.trackingNumber(), line.mailbox(), nature.get().code(), line.field(),
				line.region(), units, redact(line.title()), redact(line.body()), redact(line.reply()), received, null,
				null, replied, now, workingDays, limitDays, workingDays <= limitDays, 0, 0));
	}

	private String redact(String text) {
		return this.redaction.redact(text.strip());
	}

	private java.time.LocalDate day(Instant instant) {
		return instant.atZone(this.zone).toLocalDate();
	}

	/** ISO-8601 with an offset, or a local date-time in the deployment's zone. */
	private Instant instant(String text) {
		String value = text.strip();
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				return LocalDateTime.parse(value.replace(' ', 'T')).atZone(this.zone).toInstant();
			}
			catch (DateTimeParseException again) {
				return null;
			}
		}
	}

}
