package cn.mailbox.site.pages;

/**
 * How the pages link to each other.
 */
public enum LinkStyle {

	/**
	 * Absolute links into the running portal ({@code /archive/...}); the search box and
	 * facet filters work.
	 */
	LIVE,

	/**
	 * Relative links only ({@code ../letters/SZ....html}), so the folder works from any
	 * host, path or {@code file://}.
	 */
	STATIC

}
