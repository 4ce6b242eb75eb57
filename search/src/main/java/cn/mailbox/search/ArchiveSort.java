package cn.mailbox.search;

/**
 * The orders the archive can be listed in. Every order ends with the tracking number, so
 * equal keys never swap places between pages.
 */
public enum ArchiveSort {

	/** Best match first, then newest; the default when there is a query text. */
	RELEVANCE,

	/** Latest received first; the default without query text. */
	NEWEST,

	/** Earliest received first. */
	OLDEST

}
