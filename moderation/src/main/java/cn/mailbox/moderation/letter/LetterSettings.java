package cn.mailbox.moderation.letter;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Deployment settings for letters.
 *
 * @param trackingPrefix the letters before the date in a tracking number ({@code SZ}
 * gives {@code SZ20261122-00042})
 * @param zone the deployment's time zone: it decides which day a letter's number carries,
 * and how working days are counted
 */
@ConfigurationProperties("moderation.letters")
public record LetterSettings(@DefaultValue("SZ") String trackingPrefix, @DefaultValue("Asia/Shanghai") ZoneId zone) {

	public LetterSettings {
		if (!trackingPrefix.matches("[A-Z]{1,6}")) {
			throw new IllegalArgumentException("moderation.letters.tracking-prefix must be 1-6 capital letters");
		}
	}

}
