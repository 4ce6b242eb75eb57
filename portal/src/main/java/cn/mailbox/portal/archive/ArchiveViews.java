package cn.mailbox.portal.archive;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import cn.mailbox.moderation.statistics.HandlingStatistics;
import cn.mailbox.moderation.statistics.MonthlyHandlingStatistics;
import cn.mailbox.publication.ArchiveStatistics;
import cn.mailbox.publication.PublicRecord;
import cn.mailbox.search.ArchiveDocument;
import cn.mailbox.search.ArchiveHit;
import cn.mailbox.search.ArchiveIndex;
import cn.mailbox.search.ArchivePage;
import cn.mailbox.site.pages.HandlingCount;
import cn.mailbox.site.pages.HandlingCounts;
import cn.mailbox.site.pages.RatingDisclosure;
import cn.mailbox.site.pages.SatisfactionFigure;
import cn.mailbox.site.pages.Withholding;

/** The JSON shapes of the archive API; times with the deployment's offset. */
final class ArchiveViews {

	private ArchiveViews() {
	}

	/** One page of search results. */
	record Page(long total, int page, int size, List<Item> items, Map<String, Map<String, Long>> facets,
			String nextCursor) {

		static Page of(ArchivePage page, int number, int size) {
			return new Page(page.total(), number, size, page.items().stream().map(Item::of).toList(), page.facets(),
					page.nextCursor());
		}

	}

	/** One hit; {@code unit} is the lead unit, {@code units} all of them. */
	record Item(String trackingNumber, String title, String nature, String unit, List<String> units,
			OffsetDateTime receivedAt, OffsetDateTime repliedAt, int workingDays, int limitDays, boolean onTime,
			String snippet) {

		static Item of(ArchiveHit hit) {
			ArchiveDocument document = hit.document();
			return new Item(document.trackingNumber(), document.title(), document.nature(),
					document.units().isEmpty() ? null : document.units().getFirst(), document.units(),
					time(document.receivedAt()), time(document.repliedAt()), document.workingDays(),
					document.limitDays(), document.onTime(), hit.snippet());
		}

	}

	/** One published record with its handling timer. */
	record Record(String trackingNumber, String mailbox, String nature, String field, String region, List<String> units,
			String title, String letter, String reply, Timer timer) {

		static Record of(PublicRecord record) {
			return new Record(record.trackingNumber(), record.mailbox(), record.nature(), record.field(),
					record.region(), record.units(), record.title(), record.letter(), record.reply(),
					new Timer(time(record.receivedAt()), time(record.acceptedAt()), time(record.assignedAt()),
							time(record.repliedAt()), time(record.publishedAt()), record.workingDays(),
							record.limitDays(), record.onTime(), record.reminders(), record.extensionDays()));
		}

	}

	/** The handling timer (办理时限) of a published letter. */
	record Timer(OffsetDateTime receivedAt, OffsetDateTime acceptedAt, OffsetDateTime assignedAt,
			OffsetDateTime repliedAt, OffsetDateTime publishedAt, int workingDays, int limitDays, boolean onTime,
			int reminders, int extensionDays) {

	}

	/** One exported record: a flat row, the same in CSV and NDJSON. */
	record Exported(String trackingNumber, String mailbox, String nature, String field, String region,
			List<String> units, String title, String letter, String reply, OffsetDateTime receivedAt,
			OffsetDateTime acceptedAt, OffsetDateTime assignedAt, OffsetDateTime repliedAt, OffsetDateTime publishedAt,
			int workingDays, int limitDays, boolean onTime, int reminders, int extensionDays) {

		static Exported of(ArchiveDocument d) {
			return new Exported(d.trackingNumber(), d.mailbox(), d.nature(), d.field(), d.region(), d.units(),
					d.title(), d.letter(), d.reply(), time(d.receivedAt()), time(d.acceptedAt()), time(d.assignedAt()),
					time(d.repliedAt()), time(d.publishedAt()), d.workingDays(), d.limitDays(), d.onTime(),
					d.reminders(), d.extensionDays());
		}

	}

	/** Statistics of letters received in a period, per unit and nature. */
	record Stats(LocalDate from, LocalDate to, List<StatsRow> rows) {

	}

	/**
	 * One unit and nature: the publication figures (published, on time, median working
	 * days, from the public archive, imported letters included) and the handling figures
	 * (received, replied, rated, from the moderation tables, investigations never
	 * counted). A side with no letters gives zeros. The satisfaction rate is {@code null}
	 * where the disclosure rule withholds it ({@link RatingDisclosure}: fewer than the
	 * minimum number of ratings, a window that cuts a month, or a window holding a month
	 * of too few ratings), and {@code satisfactionWithheld} then says why
	 * ({@code few_ratings}, {@code whole_months_only}, {@code protects_small_group}).
	 */
	record StatsRow(String unit, String nature, long published, long onTime, double onTimeRate,
			double medianWorkingDays, long received, long replied, long rated, Double satisfactionRate,
			String satisfactionWithheld) {

		/**
		 * @param published the archive's figures per unit and nature
		 * @param months the moderation tables' counts per unit, nature and month in the
		 * window
		 * @param minimumRatings the fewest ratings of a published rate
		 * @param from the window's first day, or {@code null}
		 * @param to the window's last day, or {@code null}
		 */
		static List<StatsRow> merge(List<ArchiveStatistics> published, List<MonthlyHandlingStatistics> months,
				int minimumRatings, LocalDate from, LocalDate to) {
			RatingDisclosure disclosure = HandlingCounts
				.of(months.stream()
					.map((m) -> new HandlingCount(m.unit(), m.nature(), m.month().atDay(1), m.received(), m.replied(),
							m.rated(), m.satisfied()))
					.toList(), minimumRatings)
				.disclosure();
			java.util.SortedMap<String, HandlingStatistics> sums = new java.util.TreeMap<>();
			for (MonthlyHandlingStatistics m : months) {
				sums.merge(key(m.unit(), m.nature()),
						new HandlingStatistics(m.unit(), m.nature(), m.received(), m.replied(), m.rated(),
								m.satisfied()),
						(a, b) -> new HandlingStatistics(a.unit(), a.nature(), a.received() + b.received(),
								a.replied() + b.replied(), a.rated() + b.rated(), a.satisfied() + b.satisfied()));
			}
			List<HandlingStatistics> handled = List.copyOf(sums.values());
			java.util.SortedMap<String, StatsRow> rows = new java.util.TreeMap<>();
			for (ArchiveStatistics row : published) {
				rows.put(key(row.unit(), row.nature()), new StatsRow(row.unit(), row.nature(), row.published(),
						row.onTime(), row.onTimeRate(), row.medianWorkingDays(), 0, 0, 0, 0.0, null));
			}
			for (HandlingStatistics row : handled) {
				StatsRow before = rows.get(key(row.unit(), row.nature()));
				SatisfactionFigure satisfaction = disclosure.row(row.unit(), row.nature(), from, to);
				String withheld = (satisfaction.withholding() == Withholding.SHOWN) ? null
						: satisfaction.withholding().name().toLowerCase(java.util.Locale.ROOT);
				rows.put(key(row.unit(), row.nature()),
						(before != null)
								? new StatsRow(row.unit(), row.nature(), before.published(), before.onTime(),
										before.onTimeRate(), before.medianWorkingDays(), row.received(), row.replied(),
										row.rated(), satisfaction.rate(), withheld)
								: new StatsRow(row.unit(), row.nature(), 0, 0, 0, 0, row.received(), row.replied(),
										row.rated(), satisfaction.rate(), withheld));
			}
			return List.copyOf(rows.values());
		}

		private static String key(String unit, String nature) {
			return unit + '\u0000' + nature;
		}

	}

	static OffsetDateTime time(Instant instant) {
		return (instant != null) ? instant.atZone(ArchiveIndex.DEFAULT_ZONE).toOffsetDateTime() : null;
	}

}
