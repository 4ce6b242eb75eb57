package cn.mailbox.site.pages;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Date formatting for the templates ({@code ${fmt.dateTime(t)}}), in the archive's time
 * zone.
 */
public final class Formats {

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);

	private final ZoneId zone;

	private final Locale locale;

	Formats(ZoneId zone, Locale locale) {
		this.zone = zone;
		this.locale = locale;
	}

	public String dateTime(Instant instant) {
		return (instant != null) ? DATE_TIME.format(instant.atZone(this.zone)) : "";
	}

	public String date(Instant instant) {
		return (instant != null) ? DATE.format(instant.atZone(this.zone)) : "";
	}

	/** The machine-readable form for {@code <time datetime>} and the board's timers. */
	public String iso(Instant instant) {
		return (instant != null) ? instant.toString() : "";
	}

	public String year(Instant instant) {
		return String.valueOf(instant.atZone(this.zone).getYear());
	}

	public Locale locale() {
		return this.locale;
	}

}
