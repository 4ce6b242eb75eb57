package cn.mailbox.site.pages;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides which satisfaction rates may be published, so that no published rate — nor any
 * difference of published rates — is the rating of fewer than {@code minimum} writers.
 * <p>
 * The grain is the <em>cell</em>: one unit, one nature, one calendar month (by the day
 * received). A cell with 1 to {@code minimum - 1} ratings is <em>small</em>. Everything
 * published is a sum of cells: the API's rows (unit and nature over whole months), a
 * unit's figure (all its cells), a month's total (every unit's cells of the month) and
 * the whole mailbox. The rules:
 * <ol>
 * <li>A group with fewer than {@code minimum} ratings is withheld
 * ({@link Withholding#FEW_RATINGS}).</li>
 * <li>A window of the API (a unit and nature over some months) is published only when
 * none of its cells is small: windows can be nested at will, so any window holding a
 * small cell could be subtracted from a longer one.</li>
 * <li>A fixed group (a unit, a month, a unit and nature over all time, the whole mailbox)
 * is published only when what is left of it after subtracting everything published inside
 * it — the small cells, and the small cells of its withheld parts — is either nothing or
 * at least {@code minimum} ratings ({@link Withholding#PROTECTS_SMALL_GROUP}). One month
 * with one rating next to months with many therefore hides the unit's total too, while
 * five months with one rating each do not (their sum is a group of five).</li>
 * </ol>
 * Weeks and windows that cut a month are never published
 * ({@link Withholding#WHOLE_MONTHS_ONLY}): they would cut the cells. A letter handled
 * jointly counts once in the totals and once for each of its units, so a total is not
 * exactly the sum of its units' cells; the rule treats each unit's count as its own cell.
 */
public final class RatingDisclosure {

	private final HandlingCounts counts;

	private final int minimum;

	RatingDisclosure(HandlingCounts counts) {
		this.counts = counts;
		this.minimum = counts.minimumRatings();
	}

	/** The minimum number of ratings of a published rate. */
	public int minimum() {
		return this.minimum;
	}

	/** A unit's rate over all time (its page, its row in the units table). */
	public Withholding unit(String unit) {
		return unit(cells(unit));
	}

	/** The mailbox's rate for one month (the monthly report and chart). */
	public Withholding month(YearMonth month) {
		return months().getOrDefault(month, Withholding.SHOWN);
	}

	/**
	 * The whole mailbox's rate.
	 * @param displayed the months whose totals the page may show (the others count as
	 * withheld, since nothing of them is published)
	 */
	public Withholding overall(Collection<YearMonth> displayed) {
		long rated = 0;
		for (HandlingCount count : this.counts.totals()) {
			rated += count.rated();
		}
		Map<YearMonth, Withholding> months = months();
		long small = 0;
		long smallOfHiddenMonths = 0;
		long smallOfHiddenUnits = 0;
		long smallOfHiddenNatures = 0;
		for (String unit : this.counts.byUnit().keySet()) {
			Map<String, Map<YearMonth, Cell>> cells = cells(unit);
			boolean unitHidden = unit.isEmpty() || unit(cells) != Withholding.SHOWN;
			for (Map<YearMonth, Cell> nature : cells.values()) {
				boolean natureHidden = allTime(nature) != Withholding.SHOWN;
				for (Map.Entry<YearMonth, Cell> cell : nature.entrySet()) {
					if (!small(cell.getValue().rated())) {
						continue;
					}
					long r = cell.getValue().rated();
					small += r;
					if (!displayed.contains(cell.getKey())
							|| months.getOrDefault(cell.getKey(), Withholding.SHOWN) != Withholding.SHOWN) {
						smallOfHiddenMonths += r;
					}
					smallOfHiddenUnits += unitHidden ? r : 0;
					smallOfHiddenNatures += natureHidden ? r : 0;
				}
			}
		}
		return decide(rated, small, smallOfHiddenMonths, smallOfHiddenUnits, smallOfHiddenNatures);
	}

	/**
	 * One row of the API: a unit and nature over the days {@code from} to {@code to}
	 * (both included, {@code null} for open ends).
	 */
	public SatisfactionFigure row(String unit, String nature, LocalDate from, LocalDate to) {
		Map<YearMonth, Cell> months = cells(unit).getOrDefault(nature, Map.of());
		if (from == null && to == null) {
			Cell all = sum(months.values());
			return SatisfactionFigure.of(allTime(months), all.rated(), all.satisfied());
		}
		YearMonth first = (from != null) ? YearMonth.from(from) : null;
		YearMonth last = (to != null) ? YearMonth.from(to) : null;
		boolean whole = (from == null || from.getDayOfMonth() == 1) && (to == null || to.equals(last.atEndOfMonth()));
		Cell window = new Cell(0, 0);
		boolean anySmall = false;
		for (Map.Entry<YearMonth, Cell> cell : months.entrySet()) {
			if ((first == null || !cell.getKey().isBefore(first)) && (last == null || !cell.getKey().isAfter(last))) {
				window = window.plus(cell.getValue());
				anySmall |= small(cell.getValue().rated());
			}
		}
		if (window.rated() == 0) {
			return SatisfactionFigure.of(Withholding.SHOWN, 0, 0);
		}
		if (!whole) {
			return SatisfactionFigure.of(Withholding.WHOLE_MONTHS_ONLY, 0, 0);
		}
		Withholding decision = (window.rated() < this.minimum) ? Withholding.FEW_RATINGS
				: anySmall ? Withholding.PROTECTS_SMALL_GROUP : Withholding.SHOWN;
		return SatisfactionFigure.of(decision, window.rated(), window.satisfied());
	}

	private Withholding unit(Map<String, Map<YearMonth, Cell>> cells) {
		long rated = 0;
		long small = 0;
		long smallOfHiddenNatures = 0;
		for (Map<YearMonth, Cell> nature : cells.values()) {
			long natureSmall = smallSum(nature.values());
			rated += sum(nature.values()).rated();
			small += natureSmall;
			smallOfHiddenNatures += (allTime(nature) != Withholding.SHOWN) ? natureSmall : 0;
		}
		return decide(rated, small, smallOfHiddenNatures);
	}

	/** A unit and nature over all time (the API without dates). */
	private Withholding allTime(Map<YearMonth, Cell> months) {
		return decide(sum(months.values()).rated(), smallSum(months.values()));
	}

	/** Each month's decision: its total, and the small cells of every unit that month. */
	private Map<YearMonth, Withholding> months() {
		Map<YearMonth, Long> rated = new HashMap<>();
		for (HandlingCount count : this.counts.totals()) {
			rated.merge(YearMonth.from(count.day()), count.rated(), Long::sum);
		}
		Map<YearMonth, Long> small = new HashMap<>();
		for (String unit : this.counts.byUnit().keySet()) {
			for (Map<YearMonth, Cell> nature : cells(unit).values()) {
				nature.forEach((month, cell) -> small.merge(month, small(cell.rated()) ? cell.rated() : 0, Long::sum));
			}
		}
		Map<YearMonth, Withholding> decisions = new HashMap<>();
		rated.forEach((month, r) -> decisions.put(month, decide(r, small.getOrDefault(month, 0L))));
		return decisions;
	}

	private Withholding decide(long rated, long... remainders) {
		if (rated == 0) {
			return Withholding.SHOWN;
		}
		if (rated < this.minimum) {
			return Withholding.FEW_RATINGS;
		}
		for (long remainder : remainders) {
			if (remainder != 0 && remainder < this.minimum) {
				return Withholding.PROTECTS_SMALL_GROUP;
			}
		}
		return Withholding.SHOWN;
	}

	private boolean small(long rated) {
		return rated > 0 && rated < this.minimum;
	}

	private long smallSum(Collection<Cell> cells) {
		long sum = 0;
		for (Cell cell : cells) {
			sum += small(cell.rated()) ? cell.rated() : 0;
		}
		return sum;
	}

	private static Cell sum(Collection<Cell> cells) {
		Cell sum = new Cell(0, 0);
		for (Cell cell : cells) {
			sum = sum.plus(cell);
		}
		return sum;
	}

	/** A unit's rated cells: nature, then month. */
	private Map<String, Map<YearMonth, Cell>> cells(String unit) {
		Map<String, Map<YearMonth, Cell>> cells = new TreeMap<>();
		for (HandlingCount count : this.counts.unit(unit)) {
			if (count.rated() > 0) {
				cells.computeIfAbsent(String.valueOf(count.nature()), (n) -> new TreeMap<>())
					.merge(YearMonth.from(count.day()), new Cell(count.rated(), count.satisfied()), Cell::plus);
			}
		}
		return cells;
	}

	/** Set of months, for callers that have month labels. */
	static Set<YearMonth> months(Collection<String> labels) {
		return labels.stream().map(YearMonth::parse).collect(java.util.stream.Collectors.toSet());
	}

	private record Cell(long rated, long satisfied) {

		Cell plus(Cell other) {
			return new Cell(this.rated + other.rated, this.satisfied + other.satisfied);
		}

	}

}
