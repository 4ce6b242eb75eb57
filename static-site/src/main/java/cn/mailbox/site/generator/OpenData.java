package cn.mailbox.site.generator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tools.jackson.databind.json.JsonMapper;

import cn.mailbox.publication.PublicRecord;

/**
 * The open-data dumps: {@code data/letters.ndjson} (one JSON object a line) and
 * {@code data/letters.csv} (RFC 4180, header row), with the same fields as
 * {@code data/schema.json} documents. CSV text cells a spreadsheet would run as a formula
 * get a leading apostrophe.
 */
final class OpenData implements AutoCloseable {

	static final String NDJSON = "data/letters.ndjson";

	static final String CSV = "data/letters.csv";

	static final String SCHEMA = "data/schema.json";

	static final List<String> HEADER = List.of("trackingNumber", "mailbox", "nature", "field", "region", "units",
			"title", "letter", "reply", "receivedAt", "acceptedAt", "assignedAt", "repliedAt", "publishedAt",
			"workingDays", "limitDays", "onTime", "reminders", "extensionDays");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ZoneId zone;

	private final OutputStream ndjson;

	private final Writer csvWriter;

	private final CSVPrinter csv;

	private long count;

	OpenData(java.nio.file.Path folder, ZoneId zone) throws IOException {
		this.zone = zone;
		this.ndjson = SiteFiles.open(SiteFiles.resolve(folder, NDJSON));
		this.csvWriter = new OutputStreamWriter(SiteFiles.open(SiteFiles.resolve(folder, CSV)), StandardCharsets.UTF_8);
		this.csv = new CSVPrinter(this.csvWriter, CSVFormat.RFC4180);
		this.csv.printRecord(HEADER);
	}

	void add(PublicRecord record) {
		try {
			this.ndjson.write(JSON.writeValueAsBytes(fields(record)));
			this.ndjson.write('\n');
			List<String> cells = new ArrayList<>(HEADER.size());
			fields(record).forEach((name, value) -> cells.add(cell(value)));
			this.csv.printRecord(cells);
			this.count++;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	long count() {
		return this.count;
	}

	/** Moves both files into place. */
	@Override
	public void close() throws IOException {
		try {
			this.csv.close(true);
		}
		finally {
			this.ndjson.close();
		}
	}

	Map<String, Object> fields(PublicRecord r) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("trackingNumber", r.trackingNumber());
		fields.put("mailbox", r.mailbox());
		fields.put("nature", r.nature());
		fields.put("field", r.field());
		fields.put("region", r.region());
		fields.put("units", r.units());
		fields.put("title", r.title());
		fields.put("letter", r.letter());
		fields.put("reply", r.reply());
		fields.put("receivedAt", time(r.receivedAt()));
		fields.put("acceptedAt", time(r.acceptedAt()));
		fields.put("assignedAt", time(r.assignedAt()));
		fields.put("repliedAt", time(r.repliedAt()));
		fields.put("publishedAt", time(r.publishedAt()));
		fields.put("workingDays", r.workingDays());
		fields.put("limitDays", r.limitDays());
		fields.put("onTime", r.onTime());
		fields.put("reminders", r.reminders());
		fields.put("extensionDays", r.extensionDays());
		return fields;
	}

	private String time(Instant instant) {
		return (instant != null) ? instant.atZone(this.zone).toOffsetDateTime().toString() : null;
	}

	@SuppressWarnings("unchecked")
	private static String cell(Object value) {
		if (value == null) {
			return "";
		}
		String text = (value instanceof List<?> list) ? String.join(";", (List<String>) list) : String.valueOf(value);
		if (text.isEmpty()) {
			return text;
		}
		char first = text.charAt(0);
		boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t'
				|| first == '\r';
		return (formula && !(value instanceof Number)) ? "'" + text : text;
	}

}
