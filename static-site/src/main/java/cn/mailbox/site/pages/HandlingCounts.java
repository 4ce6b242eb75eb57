package cn.mailbox.site.pages;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The handling counts of a {@link HandlingSource}, sorted once into the mailbox's totals
 * and each unit's rows, so that the pages of many units each find theirs without a scan.
 *
 * @param totals every letter counted once, per day
 * @param byUnit each unit's rows ({@code ""}: letters not assigned to a unit)
 */
public record HandlingCounts(List<HandlingCount> totals, Map<String, List<HandlingCount>> byUnit) {

	/** No counts: the pages show the published letters' figures only. */
	public static final HandlingCounts NONE = new HandlingCounts(List.of(), Map.of());

	public HandlingCounts {
		totals = List.copyOf(totals);
		byUnit = Map.copyOf(byUnit);
	}

	public static HandlingCounts of(Collection<HandlingCount> counts) {
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
		return new HandlingCounts(totals, byUnit);
	}

	/** One unit's rows, empty when it has none. */
	public List<HandlingCount> unit(String unit) {
		return this.byUnit.getOrDefault(unit, List.of());
	}

}
