package cn.mailbox.publication;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import io.r2dbc.spi.Readable;

/** Reads a {@code public_letters} row; the one place that knows its column names. */
final class PublicRecordRows {

	static final String COLUMNS = """
			tracking_number, mailbox, nature, field, region, units, title, letter, reply, received_at, accepted_at,
			assigned_at, replied_at, published_at, working_days, limit_days, on_time, reminders, extension_days""";

	private PublicRecordRows() {
	}

	static PublicRecord read(Readable row) {
		String[] units = row.get("units", String[].class);
		return new PublicRecord(row.get("tracking_number", String.class), row.get("mailbox", String.class),
				row.get("nature", String.class), row.get("field", String.class), row.get("region", String.class),
				(units != null) ? Arrays.asList(units) : List.of(), row.get("title", String.class),
				row.get("letter", String.class), row.get("reply", String.class), instant(row, "received_at"),
				instant(row, "accepted_at"), instant(row, "assigned_at"), instant(row, "replied_at"),
				instant(row, "published_at"), row.get("working_days", Integer.class),
				row.get("limit_days", Integer.class), row.get("on_time", Boolean.class),
				row.get("reminders", Integer.class), row.get("extension_days", Integer.class));
	}

	private static Instant instant(Readable row, String column) {
		OffsetDateTime value = row.get(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

}
