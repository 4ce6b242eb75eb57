package cn.mailbox.moderation.calendar;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A date the State Council's holiday notice treats differently from the Monday–Friday
 * rule: a public holiday rest day ({@code offDay}) or a make-up working day (调休上班,
 * usually a Saturday or Sunday).
 *
 * @param date the date
 * @param name the holiday it belongs to, as published (e.g. 春节)
 * @param offDay {@code true} for a rest day, {@code false} for a make-up working day
 */
public record SpecialDay(LocalDate date, String name, boolean offDay) {

	public SpecialDay {
		Objects.requireNonNull(date, "date");
		name = (name != null) ? name : "";
	}

}
