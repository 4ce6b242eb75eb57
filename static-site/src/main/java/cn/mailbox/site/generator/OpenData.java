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
 * The open-data dumps, written as parts: {@code data/parts/<name>.ndjson} (one JSON
 * object a line) and {@code data/parts/<name>.csv} (RFC 4180, header row), with the same
 * fields as {@code data/schema.json} documents, letters sorted by tracking number. The
 * parts are cut by {@link Chunks} over the tracking numbers, so a publication or
 * withdrawal rewrites one part (a few hundred letters), never the whole dump.
 * {@code data/index.json} lists the parts in order; {@code data/letters.ndjson} and
 * {@code data/letters.csv} are the parts concatenated (one CSV header), made by
 * {@link #combine} from the part files. CSV text cells a spreadsheet would run as a
 * formula get a leading apostrophe.
 */
final class OpenData implements AutoCloseable {

	static final String NDJSON = "data/letters.ndjson";

	static final String CSV = "data/letters.csv";

	static final String SCHEMA = "data/schema.json";

	static final String INDEX = "data/index.json";

	static final String PARTS = "data/parts/";

	/** Mean letters per part. */
	static final int PART_SIZE = 256;

	static final List<String> HEADER = List.of("trackingNumber", "mailbox", "nature", "field", "region", "units",
			"title", "letter", "reply", "receivedAt", "acceptedAt", "assignedAt", "repliedAt", "publishedAt",
			"workingDays", "limitDays", "onTime", "reminders", "extensionDays");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ZoneId zone;

	private final OutputStream ndjson;

	private final Writer csvWriter;

	private final CSVPrinter csv;

	private long count;

	/**
	 * Opens one part for writing; {@link #close()} moves both files into place.
	 * @param folder the site folder
	 * @param zone the time zone of times
	 * @param part the part's name
	 */
	OpenData(java.nio.file.Path folder, ZoneId zone, String part) throws IOException {
		this.zone = zone;
		this.ndjson = SiteFiles.open(SiteFiles.resolve(folder, ndjsonPart(part)));
		this.csvWriter = new OutputStreamWriter(SiteFiles.open(SiteFiles.resolve(folder, csvPart(part))),
				StandardCharsets.UTF_8);
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

	static String ndjsonPart(String part) {
		return PARTS + part + ".ndjson";
	}

	static String csvPart(String part) {
		return PARTS + part + ".csv";
	}

	/** The CSV header row as every part starts with it. */
	static byte[] csvHeader() {
		StringBuilder text = new StringBuilder();
		try (CSVPrinter printer = new CSVPrinter(text, CSVFormat.RFC4180)) {
			printer.printRecord(HEADER);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return text.toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Writes the combined dumps from the part files: the NDJSON parts back to back, the
	 * CSV parts after one header row. Each combined file is replaced atomically.
	 * @param folder the site folder
	 * @param parts the parts' names, in order
	 */
	static void combine(java.nio.file.Path folder, List<String> parts) {
		byte[] header = csvHeader();
		SiteFiles.concatenate(folder, NDJSON, new byte[0], parts.stream().map(OpenData::ndjsonPart).toList(), 0);
		SiteFiles.concatenate(folder, CSV, header, parts.stream().map(OpenData::csvPart).toList(), header.length);
	}

	/**
	 * {@code data/index.json}: the parts in order with their first and last tracking
	 * number and how many letters each holds.
	 */
	static byte[] index(List<Chunks.Chunk<String>> parts, long letters) {
		Map<String, Object> index = new LinkedHashMap<>();
		index.put("schema", "schema.json");
		index.put("letters", letters);
		index.put("ndjson", "letters.ndjson");
		index.put("csv", "letters.csv");
		List<Map<String, Object>> list = new ArrayList<>(parts.size());
		for (Chunks.Chunk<String> part : parts) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("first", part.items().get(0));
			entry.put("last", part.items().get(part.items().size() - 1));
			entry.put("letters", part.items().size());
			entry.put("ndjson", ndjsonPart(part.name()).substring("data/".length()));
			entry.put("csv", csvPart(part.name()).substring("data/".length()));
			list.add(entry);
		}
		index.put("parts", list);
		return (JSON.writeValueAsString(index) + "\n").getBytes(StandardCharsets.UTF_8);
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
