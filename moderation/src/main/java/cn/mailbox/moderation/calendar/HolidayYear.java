package cn.mailbox.moderation.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One year's holiday notice in the holiday-cn format
 * ({@code {"year":2024,"papers":[...],"days":[{"name":"春节","date":"2024-02-04","isOffDay":false}]}}).
 * <p>
 * A notice year may list dates of the previous December (the 2019 notice moves 2018-12-29
 * and 2018-12-31), so a day may lie in {@code year - 1}; any other year is refused.
 *
 * @param year the notice year, which names the file and is the unit of replacement
 * @param days the special days, in the order given
 */
public record HolidayYear(int year, List<SpecialDay> days) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	public HolidayYear {
		if (year < 1949 || year > 9999) {
			throw new IllegalArgumentException("Implausible calendar year " + year);
		}
		days = List.copyOf(days);
		Set<LocalDate> seen = new HashSet<>();
		for (SpecialDay day : days) {
			int dayYear = day.date().getYear();
			if (dayYear != year && dayYear != year - 1) {
				throw new IllegalArgumentException("The " + year + " notice cannot list " + day.date() + " (only "
						+ (year - 1) + "-12 or " + year + ")");
			}
			if (!seen.add(day.date())) {
				throw new IllegalArgumentException("The " + year + " notice lists " + day.date() + " twice");
			}
		}
	}

	/**
	 * Reads one holiday-cn JSON document; the stream is not closed.
	 * @param json the UTF-8 JSON document
	 * @return the parsed year
	 * @throws IllegalArgumentException if the document is not in the holiday-cn format
	 * @throws IOException if the stream cannot be read
	 */
	public static HolidayYear parse(InputStream json) throws IOException {
		Objects.requireNonNull(json, "json");
		JsonNode root;
		try {
			root = JSON.readTree(json.readAllBytes());
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("Not a JSON document: " + ex.getOriginalMessage(), ex);
		}
		if (root == null || !root.path("year").isNumber() || !root.path("days").isArray()) {
			throw new IllegalArgumentException("Expected {\"year\": number, \"days\": [...]}");
		}
		List<SpecialDay> days = new ArrayList<>();
		for (JsonNode day : root.path("days").values()) {
			days.add(specialDay(day));
		}
		return new HolidayYear(root.path("year").intValue(), days);
	}

	private static SpecialDay specialDay(JsonNode day) {
		if (!day.path("date").isString() || !day.path("isOffDay").isBoolean()) {
			throw new IllegalArgumentException("Each day needs a \"date\" string and an \"isOffDay\" boolean: " + day);
		}
		try {
			return new SpecialDay(LocalDate.parse(day.path("date").stringValue()), day.path("name").asString(""),
					day.path("isOffDay").booleanValue());
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("Not an ISO date: " + day.path("date").stringValue(), ex);
		}
	}

}
