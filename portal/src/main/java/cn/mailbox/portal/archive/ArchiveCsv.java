package cn.mailbox.portal.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The CSV rows of an archive export (RFC 4180 via commons-csv). Text cells that a
 * spreadsheet would run as a formula ({@code = + - @} first) get a leading apostrophe, so
 * a hostile title cannot execute in a journalist's spreadsheet.
 */
final class ArchiveCsv {

	static final List<String> HEADER = List.of("trackingNumber", "mailbox", "nature", "field", "region", "units",
			"title", "letter", "reply", "receivedAt", "acceptedAt", "assignedAt", "repliedAt", "publishedAt",
			"workingDays", "limitDays", "onTime", "reminders", "extensionDays");

	private static final CSVFormat FORMAT = CSVFormat.RFC4180;

	private ArchiveCsv() {
	}

	static String header() {
		return line(HEADER);
	}

	static String row(ArchiveViews.Exported e) {
		return line(List.of(e.trackingNumber(), e.mailbox(), e.nature(), text(e.field()), text(e.region()),
				safe(String.join(";", e.units())), safe(e.title()), safe(e.letter()), safe(e.reply()),
				time(e.receivedAt()), time(e.acceptedAt()), time(e.assignedAt()), time(e.repliedAt()),
				time(e.publishedAt()), String.valueOf(e.workingDays()), String.valueOf(e.limitDays()),
				String.valueOf(e.onTime()), String.valueOf(e.reminders()), String.valueOf(e.extensionDays())));
	}

	static String safe(String text) {
		if (text == null || text.isEmpty()) {
			return "";
		}
		char first = text.charAt(0);
		return (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')
				? "'" + text : text;
	}

	private static String text(String value) {
		return (value != null) ? value : "";
	}

	private static String time(OffsetDateTime time) {
		return (time != null) ? time.toString() : "";
	}

	private static String line(List<String> cells) {
		StringBuilder out = new StringBuilder();
		try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
			printer.printRecord(cells);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString();
	}

}
