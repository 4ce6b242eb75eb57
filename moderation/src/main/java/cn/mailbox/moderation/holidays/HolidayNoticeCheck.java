package cn.mailbox.moderation.holidays;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks an uploaded holiday-cn document field by field, so an administrator learns every
 * mistake at once ({@code HolidayYear.parse} stops at the first).
 */
final class HolidayNoticeCheck {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private HolidayNoticeCheck() {
	}

	static List<CalendarViolation> check(int year, byte[] document) {
		if (year < 1949 || year > 9999) {
			return List.of(new CalendarViolation("year", "calendar.invalid.yearRange"));
		}
		List<CalendarViolation> violations = new ArrayList<>();
		JsonNode root;
		try {
			root = JSON.readTree(document);
		}
		catch (JacksonException ex) {
			return List.of(new CalendarViolation("document", "calendar.invalid.json"));
		}
		if (root == null || !root.isObject()) {
			return List.of(new CalendarViolation("document", "calendar.invalid.json"));
		}
		if (!root.path("year").isIntegralNumber()) {
			violations.add(new CalendarViolation("year", "calendar.invalid.yearMissing"));
		}
		else if (root.path("year").intValue() != year) {
			violations.add(new CalendarViolation("year", "calendar.invalid.yearMismatch", year));
		}
		if (!root.path("days").isArray()) {
			violations.add(new CalendarViolation("days", "calendar.invalid.daysMissing"));
			return violations;
		}
		Set<LocalDate> seen = new HashSet<>();
		int i = 0;
		for (JsonNode day : root.path("days").values()) {
			String field = "days[" + i++ + "]";
			if (!day.path("isOffDay").isBoolean()) {
				violations.add(new CalendarViolation(field + ".isOffDay", "calendar.invalid.isOffDay"));
			}
			if (!day.path("date").isString()) {
				violations.add(new CalendarViolation(field + ".date", "calendar.invalid.date"));
				continue;
			}
			LocalDate date;
			try {
				date = LocalDate.parse(day.path("date").stringValue());
			}
			catch (DateTimeParseException ex) {
				violations.add(new CalendarViolation(field + ".date", "calendar.invalid.date"));
				continue;
			}
			// A notice may move days of the previous December (2019 lists 2018-12-29).
			if (date.getYear() != year && !(date.getYear() == year - 1 && date.getMonthValue() == 12)) {
				violations.add(new CalendarViolation(field + ".date", "calendar.invalid.dateOutsideYear", year));
			}
			else if (!seen.add(date)) {
				violations.add(new CalendarViolation(field + ".date", "calendar.invalid.dateTwice"));
			}
		}
		return violations;
	}

}
