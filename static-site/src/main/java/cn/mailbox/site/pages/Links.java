package cn.mailbox.site.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where a page's links point, for one {@link LinkStyle}. Templates call it
 * ({@code ${links.letter(n)}}); a static page gets the relative prefix of its own depth,
 * so {@code letters/SZ1.html} links {@code ../units/water/index.html}.
 */
public final class Links {

	private final LinkStyle style;

	private final String root;

	private final String searchApi;

	private Links(LinkStyle style, String root, String searchApi) {
		this.style = style;
		this.root = root;
		this.searchApi = searchApi;
	}

	/** Links into the running portal. */
	public static Links live() {
		return new Links(LinkStyle.LIVE, "/", null);
	}

	/**
	 * Relative links for the static page at the given path.
	 * @param pagePath the page's path inside the site folder, e.g.
	 * {@code letters/SZ1.html}
	 * @param searchApi base URL of the live search API, or {@code null} when none is
	 * configured
	 */
	public static Links relativeTo(String pagePath, String searchApi) {
		Objects.requireNonNull(pagePath, "pagePath");
		int depth = (int) pagePath.chars().filter((c) -> c == '/').count();
		String base = (searchApi == null || searchApi.isBlank()) ? null : searchApi.strip().replaceAll("/+$", "");
		return new Links(LinkStyle.STATIC, "../".repeat(depth), base);
	}

	public boolean isLive() {
		return this.style == LinkStyle.LIVE;
	}

	public LinkStyle style() {
		return this.style;
	}

	/** The live search API's base URL for the static search box, or {@code null}. */
	public String searchApi() {
		return this.searchApi;
	}

	public String home() {
		return isLive() ? "/archive" : this.root + "index.html";
	}

	public String archive() {
		return isLive() ? "/archive" : this.root + "archive/index.html";
	}

	public String archivePage(int page) {
		return isLive() ? "/archive?page=" + page : this.root + "archive/page-" + page + ".html";
	}

	public String letter(String trackingNumber) {
		return isLive() ? "/archive/" + path(trackingNumber)
				: this.root + "letters/" + Slugs.of(trackingNumber) + ".html";
	}

	public String unit(String unit) {
		return isLive() ? "/units/" + path(unit) : this.root + "units/" + Slugs.of(unit) + "/index.html";
	}

	public String nature(String nature) {
		return isLive() ? "/archive?nature=" + query(nature)
				: this.root + "natures/" + Slugs.of(nature) + "/index.html";
	}

	public String year(String year) {
		return isLive() ? "/archive?year=" + query(year) : this.root + "years/" + Slugs.of(year) + "/index.html";
	}

	public String stats() {
		return isLive() ? "/stats" : this.root + "stats/index.html";
	}

	public String board() {
		return isLive() ? "/board" : this.root + "board/index.html";
	}

	public String asset(String name) {
		return isLive() ? "/site-assets/" + name : this.root + "assets/" + name;
	}

	public String feed() {
		return isLive() ? "/feeds/archive.atom" : this.root + "feeds/archive.atom";
	}

	public String unitFeed(String unit) {
		return isLive() ? "/feeds/archive.atom?unit=" + query(unit)
				: this.root + "feeds/units/" + Slugs.of(unit) + ".atom";
	}

	/** The CSV dump (static) or the CSV export of the API (live). */
	public String csv() {
		return isLive() ? "/api/v1/archive/export?format=csv" : this.root + "data/letters.csv";
	}

	public String ndjson() {
		return isLive() ? "/api/v1/archive/export?format=ndjson" : this.root + "data/letters.ndjson";
	}

	/** The schema of the dumps; only the static site has it. */
	public String schema() {
		return isLive() ? null : this.root + "data/schema.json";
	}

	static String query(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String path(String value) {
		return query(value).replace("+", "%20");
	}

}
