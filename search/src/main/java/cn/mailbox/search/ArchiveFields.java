package cn.mailbox.search;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.IndexOptions;

/**
 * The index schema: how an {@link ArchiveDocument} becomes a Lucene document and back.
 * <p>
 * Text fields keep offsets in the postings so the highlighter needs no re-analysis;
 * keyword fields carry doc values for sorting; facets live in Lucene's sorted-set facet
 * field; every value the archive API returns is stored, so no database read is needed to
 * show a hit.
 */
final class ArchiveFields {

	static final String TRACKING_NUMBER = "trackingNumber";

	static final String MAILBOX = "mailbox";

	static final String NATURE = "nature";

	static final String FIELD = "field";

	static final String REGION = "region";

	static final String UNIT = "unit";

	static final String YEAR = "year";

	static final String ON_TIME = "onTime";

	static final String RECEIVED_AT = "receivedAt";

	static final String EPOCH = "epoch";

	private static final String STORED = "stored.";

	private static final List<String> INSTANTS = List.of("receivedAt", "acceptedAt", "assignedAt", "repliedAt",
			"publishedAt");

	private static final List<String> COUNTS = List.of("workingDays", "limitDays", "reminders", "extensionDays");

	private static final FieldType TEXT_WITH_OFFSETS = textWithOffsets();

	private final TextAnalysis analysis;

	private final ZoneId zone;

	private final FacetsConfig facets = facetsConfig();

	ArchiveFields(TextAnalysis analysis, ZoneId zone) {
		this.analysis = analysis;
		this.zone = zone;
	}

	FacetsConfig facets() {
		return this.facets;
	}

	static FacetsConfig facetsConfig() {
		FacetsConfig config = new FacetsConfig();
		config.setMultiValued(UNIT, true);
		return config;
	}

	ZoneId zone() {
		return this.zone;
	}

	Document toLucene(ArchiveDocument record, String epoch) {
		Document doc = new Document();
		doc.add(new KeywordField(TRACKING_NUMBER, record.trackingNumber(), Field.Store.YES));
		doc.add(new StoredField(MAILBOX, record.mailbox()));
		doc.add(new KeywordField(EPOCH, epoch, Field.Store.NO));
		keyword(doc, NATURE, record.nature());
		keyword(doc, FIELD, record.field());
		keyword(doc, REGION, record.region());
		record.units().forEach((unit) -> keyword(doc, UNIT, unit));
		keyword(doc, YEAR, Integer.toString(record.receivedAt().atZone(this.zone).getYear()));
		keyword(doc, ON_TIME, Boolean.toString(record.onTime()));
		doc.add(new LongField(RECEIVED_AT, record.receivedAt().toEpochMilli(), Field.Store.NO));
		text(doc, SearchBoxParser.TITLE, record.title());
		text(doc, SearchBoxParser.LETTER, record.letter());
		text(doc, SearchBoxParser.REPLY, record.reply());
		instant(doc, "receivedAt", record.receivedAt());
		instant(doc, "acceptedAt", record.acceptedAt());
		instant(doc, "assignedAt", record.assignedAt());
		instant(doc, "repliedAt", record.repliedAt());
		instant(doc, "publishedAt", record.publishedAt());
		doc.add(new StoredField(STORED + "workingDays", record.workingDays()));
		doc.add(new StoredField(STORED + "limitDays", record.limitDays()));
		doc.add(new StoredField(STORED + "reminders", record.reminders()));
		doc.add(new StoredField(STORED + "extensionDays", record.extensionDays()));
		try {
			return this.facets.build(doc);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	ArchiveDocument fromLucene(Document doc) {
		Instant[] at = INSTANTS.stream()
			.map((name) -> doc.get(STORED + name))
			.map((value) -> (value == null) ? null : Instant.parse(value))
			.toArray(Instant[]::new);
		int[] counts = COUNTS.stream()
			.mapToInt((name) -> doc.getField(STORED + name).numericValue().intValue())
			.toArray();
		return new ArchiveDocument(doc.get(TRACKING_NUMBER), doc.get(MAILBOX), doc.get(NATURE), doc.get(FIELD),
				doc.get(REGION), Arrays.asList(doc.getValues(UNIT)), doc.get(SearchBoxParser.TITLE),
				doc.get(SearchBoxParser.LETTER), doc.get(SearchBoxParser.REPLY), at[0], at[1], at[2], at[3], at[4],
				counts[0], counts[1], Boolean.parseBoolean(doc.get(ON_TIME)), counts[2], counts[3]);
	}

	private void keyword(Document doc, String name, String value) {
		if (value != null) {
			doc.add(new KeywordField(name, value, Field.Store.YES));
			doc.add(new SortedSetDocValuesFacetField(name, value));
		}
	}

	private void text(Document doc, String name, String value) {
		if (value == null) {
			return;
		}
		doc.add(new Field(name, value, TEXT_WITH_OFFSETS));
		if (this.analysis.wordFields()) {
			doc.add(new TextField(name + TextAnalysis.WORD_SUFFIX, value, Field.Store.NO));
		}
	}

	private static void instant(Document doc, String name, Instant value) {
		if (value != null) {
			doc.add(new StoredField(STORED + name, value.toString()));
		}
	}

	private static FieldType textWithOffsets() {
		FieldType type = new FieldType(TextField.TYPE_STORED);
		type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
		type.freeze();
		return type;
	}

}
