package cn.mailbox.portal.web;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

import cn.mailbox.moderation.letter.LetterSettings;
import org.springframework.stereotype.Component;

/**
 * Shows instants as local date and time in the deployment's zone, the way citizens read
 * them.
 */
@Component
public class Times {

	private final DateTimeFormatter formatter;

	Times(LetterSettings settings) {
		this.formatter = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(settings.zone());
	}

	public String format(Instant instant) {
		return (instant != null) ? this.formatter.format(instant) : "";
	}

}
