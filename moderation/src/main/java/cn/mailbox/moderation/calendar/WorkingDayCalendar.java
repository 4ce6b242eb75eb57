package cn.mailbox.moderation.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The PRC working-day calendar: Monday to Friday are working days, except public
 * holidays, and make-up working days (调休上班) are working days even on a weekend. Handling
 * limits are counted in these days.
 * <p>
 * The calendar is data: {@link #bundled()} reads the holiday-cn notices shipped under
 * {@code calendar/holiday-cn/} (2007–2026, MIT licence), and an administrator loads a
 * newly announced year with {@link #loadYear(InputStream)}. Dates in years without a
 * notice follow the plain Monday–Friday rule, so check {@link #years()} before relying on
 * a far date.
 * <p>
 * Thread-safe: readers see one immutable snapshot; loading a year swaps in a new snapshot
 * atomically, so a deadline is never computed against half a year.
 *
 * <pre>{@code
 * WorkingDayCalendar calendar = WorkingDayCalendar.bundled();
 * calendar.plusWorkingDays(LocalDate.of(2024, 9, 27), 5); // 2024-10-09, across National Day
 * try (InputStream in = upload.getInputStream()) {
 *     calendar.loadYear(in); // replaces that notice year, if it was loaded before
 * }
 * }</pre>
 */
public final class WorkingDayCalendar {

	static final String BUNDLED_LOCATION = "calendar/holiday-cn/";

	/**
	 * The range probed for bundled notice files: holiday-cn starts in 2007; no index file
	 * to keep in step when a year is added.
	 */
	private static final int FIRST_PROBED_YEAR = 2000;

	private static final int LAST_PROBED_YEAR = 2100;

	private volatile Snapshot snapshot;

	private WorkingDayCalendar(Snapshot snapshot) {
		this.snapshot = snapshot;
	}

	/**
	 * A calendar with every notice bundled under {@code calendar/holiday-cn/} on the
	 * class path.
	 * @return a new calendar
	 */
	public static WorkingDayCalendar bundled() {
		ClassLoader loader = WorkingDayCalendar.class.getClassLoader();
		List<HolidayYear> years = new ArrayList<>();
		for (int year = FIRST_PROBED_YEAR; year <= LAST_PROBED_YEAR; year++) {
			try (InputStream json = loader.getResourceAsStream(BUNDLED_LOCATION + year + ".json")) {
				if (json != null) {
					years.add(HolidayYear.parse(json));
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read the bundled " + year + " holiday notice", ex);
			}
		}
		if (years.isEmpty()) {
			throw new IllegalStateException("No holiday notices found under " + BUNDLED_LOCATION);
		}
		return of(years);
	}

	/**
	 * A calendar with exactly the given notice years (a later notice wins for a date
	 * listed twice).
	 * @param years the notice years
	 * @return a new calendar
	 */
	public static WorkingDayCalendar of(Collection<HolidayYear> years) {
		Map<Integer, HolidayYear> byYear = new TreeMap<>();
		years.forEach((year) -> byYear.put(year.year(), year));
		return new WorkingDayCalendar(Snapshot.of(byYear));
	}

	/**
	 * Whether civil servants work on this date.
	 * @param date the date
	 * @return {@code true} for a working day
	 */
	public boolean isWorkingDay(LocalDate date) {
		return this.snapshot.isWorkingDay(date);
	}

	/**
	 * The holiday or make-up working day on this date, if the notices list it.
	 * @param date the date
	 * @return the special day, or empty for an ordinary weekday or weekend
	 */
	public Optional<SpecialDay> specialDay(LocalDate date) {
		return Optional.ofNullable(this.snapshot.days().get(date));
	}

	/**
	 * The {@code n}th working day after {@code start}; the start day itself never counts,
	 * whether or not it is a working day. So a letter assigned on a Friday with a limit
	 * of 3 is due on the following Wednesday.
	 * @param start the day counting starts after
	 * @param n the number of working days, zero or more ({@code 0} answers {@code start})
	 * @return the date of the {@code n}th working day after {@code start}
	 */
	public LocalDate plusWorkingDays(LocalDate start, int n) {
		if (n < 0) {
			throw new IllegalArgumentException("Working days to add must not be negative: " + n);
		}
		Snapshot days = this.snapshot;
		LocalDate date = start;
		int counted = 0;
		while (counted < n) {
			date = date.plusDays(1);
			if (days.isWorkingDay(date)) {
				counted++;
			}
		}
		return date;
	}

	/**
	 * The number of working days <em>after</em> {@code from} up to and including
	 * {@code to}: the days a letter started on {@code from} has used by the end of
	 * {@code to}. It is the inverse of {@link #plusWorkingDays}:
	 * {@code workingDaysBetween(d, plusWorkingDays(d, n))
	 * == n}. When {@code to} is before {@code from} the answer is the negated count the
	 * other way round, and it is {@code 0} when both are the same day.
	 * @param from the day counting starts after (excluded)
	 * @param to the last day counted (included)
	 * @return the signed number of working days
	 */
	public int workingDaysBetween(LocalDate from, LocalDate to) {
		if (to.isBefore(from)) {
			return -workingDaysBetween(to, from);
		}
		Snapshot days = this.snapshot;
		int count = 0;
		for (LocalDate date = from.plusDays(1); !date.isAfter(to); date = date.plusDays(1)) {
			if (days.isWorkingDay(date)) {
				count++;
			}
		}
		return count;
	}

	/**
	 * Reads a notice in the holiday-cn JSON format and makes it part of the calendar,
	 * replacing an earlier notice of the same year. Readers see the old or the new
	 * calendar, never a mix.
	 * @param json the JSON document (not closed)
	 * @return the year that was loaded
	 * @throws IllegalArgumentException if the document is not a valid notice
	 * @throws IOException if the stream cannot be read
	 */
	public HolidayYear loadYear(InputStream json) throws IOException {
		HolidayYear year = HolidayYear.parse(json);
		replaceYear(year);
		return year;
	}

	/**
	 * Makes a notice year part of the calendar, replacing an earlier notice of the same
	 * year.
	 * @param year the notice year
	 */
	public synchronized void replaceYear(HolidayYear year) {
		Objects.requireNonNull(year, "year");
		Map<Integer, HolidayYear> byYear = new TreeMap<>(this.snapshot.years());
		byYear.put(year.year(), year);
		this.snapshot = Snapshot.of(byYear);
	}

	/**
	 * The notice years loaded, so an administrator can see which year is still missing.
	 * @return the years, ascending
	 */
	public SortedSet<Integer> years() {
		return Collections.unmodifiableSortedSet(new TreeSet<>(this.snapshot.years().keySet()));
	}

	private record Snapshot(Map<Integer, HolidayYear> years, Map<LocalDate, SpecialDay> days) {

		/** Later notice years are applied last, so they win for a date listed twice. */
		static Snapshot of(Map<Integer, HolidayYear> byYear) {
			Map<LocalDate, SpecialDay> days = new HashMap<>();
			new TreeMap<>(byYear).values().forEach((year) -> year.days().forEach((day) -> days.put(day.date(), day)));
			return new Snapshot(Collections.unmodifiableMap(new TreeMap<>(byYear)), Map.copyOf(days));
		}

		boolean isWorkingDay(LocalDate date) {
			SpecialDay special = this.days.get(date);
			if (special != null) {
				return !special.offDay();
			}
			DayOfWeek day = date.getDayOfWeek();
			return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
		}

	}

}
