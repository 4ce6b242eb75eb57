package cn.mailbox.site.generator;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Where and how the static site is written.
 *
 * @param root the site folder ({@code <portal.data-dir>/site}); full rebuilds are built
 * next to it in {@code site-builds/} and swapped in
 * @param searchApi base URL of the live portal whose search API the static search box
 * calls, or {@code null} (the box then says plainly there is no online search)
 * @param baseUrl the public URL the folder is served at, for absolute sitemap entries, or
 * {@code null} (sitemap entries are then relative)
 * @param zone the time zone dates are shown in
 * @param pageSize letters per list page
 */
public record SiteSettings(Path root, String searchApi, String baseUrl, ZoneId zone, int pageSize) {

	public SiteSettings {
		Objects.requireNonNull(root, "root");
		root = root.toAbsolutePath().normalize();
		searchApi = blankToNull(searchApi);
		baseUrl = blankToNull(baseUrl);
		Objects.requireNonNull(zone, "zone");
		if (pageSize < 1 || pageSize > 1000) {
			throw new IllegalArgumentException("pageSize must be between 1 and 1000");
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip().replaceAll("/+$", "");
	}

}
