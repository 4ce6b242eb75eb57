package cn.mailbox.site.generator;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the static site ({@code site.*}).
 *
 * @param enabled whether the portal keeps the site under {@code <portal.data-dir>/site}
 * (default true)
 * @param searchApi base URL of the live portal for the static search box (default none:
 * the box says there is no online search)
 * @param baseUrl the public URL the folder is served at, for absolute sitemap entries
 * (default none: relative entries)
 * @param pageSize letters per list page (default 50)
 * @param pollInterval how often the publication log is read (default 1 s)
 * @param boardInterval how often the board snapshot is refreshed (default 1 min)
 * @param zone the time zone of dates (default Asia/Shanghai)
 * @param rebuild rebuild the whole site at start-up, print progress, and exit (the
 * rebuild command)
 */
@ConfigurationProperties("site")
record SiteProperties(Boolean enabled, String searchApi, String baseUrl, Integer pageSize, Duration pollInterval,
		Duration boardInterval, ZoneId zone, Boolean rebuild) {

	SiteProperties {
		enabled = (enabled != null) ? enabled : Boolean.TRUE;
		pageSize = (pageSize != null) ? pageSize : 50;
		pollInterval = (pollInterval != null) ? pollInterval : Duration.ofSeconds(1);
		boardInterval = (boardInterval != null) ? boardInterval : Duration.ofMinutes(1);
		zone = (zone != null) ? zone : ZoneId.of("Asia/Shanghai");
		rebuild = (rebuild != null) ? rebuild : Boolean.FALSE;
	}

}
