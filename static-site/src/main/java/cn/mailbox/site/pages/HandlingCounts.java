package cn.mailbox.site.pages;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The handling counts of a {@link HandlingSource}, sorted once into the mailbox's totals
 * and each unit's rows, so that the pages of many units each find theirs without a scan,
 * with the minimum number of ratings a published satisfaction rate needs.
 *
 * @param totals every letter counted once, per day
 * @param byUnit each unit's rows ({@code ""}: letters not assigned to a unit)
 * @param minimumRatings the smallest group of ratings whose satisfaction rate may be
 * published (see {@link RatingDisclosure})
 */
public record HandlingCounts(List<HandlingCount> totals, Map<String, List<HandlingCount>> byUnit, int minimumRatings) {

	/** The default minimum group size: five ratings. */
	public static final int DEFAULT_MINIMUM_RATINGS = 5;

	/** No counts: the pages show the published letters' figures only. */
	public static final HandlingCounts NONE = new HandlingCounts(List.of(), Map.of(), DEFAULT_MINIMUM_RATINGS);

	public HandlingCounts {
		totals = List.copyOf(totals);
		byUnit = Map.copyOf(byUnit);
		if (minimumRatings < 1) {
			throw new IllegalArgumentException("minimumRatings must be at least 1");
		}
	}

	/** The counts with the default minimum of five ratings. */
	public static HandlingCounts of(Collection<HandlingCount> counts) {
		return of(counts, DEFAULT_MINIMUM_RATINGS);
	}

	public static HandlingCounts of(Collection<HandlingCount> counts, int minimumRatings) {
		List<HandlingCount> totals = new ArrayList<>();
		Map<String, List<HandlingCount>> byUnit = new TreeMap<>();
		for (HandlingCount count : counts) {
			if (count.total()) {
				totals.add(count);
			}
			else {
				byUnit.computeIfAbsent(count.unit(), (u) -> new ArrayList<>()).add(count);
			}
		}
		byUnit.replaceAll((unit, rows) -> List.copyOf(rows));
		return new HandlingCounts(totals, byUnit, minimumRatings);
	}

	/** One unit's rows, empty when it has none. */
	public List<HandlingCount> unit(String unit) {
		return this.byUnit.getOrDefault(unit, List.of());
	}

	/** Which satisfaction rates of these counts may be published. */
	public RatingDisclosure disclosure() {
		return new RatingDisclosure(this);
	}

}
