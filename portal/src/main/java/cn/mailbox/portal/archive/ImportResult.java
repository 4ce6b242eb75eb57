package cn.mailbox.portal.archive;

import java.util.List;

/**
 * The answer to an archive import.
 *
 * @param imported how many lines were published
 * @param rejected the lines that were not, with why
 */
record ImportResult(long imported, List<Rejected> rejected) {

	ImportResult {
		rejected = List.copyOf(rejected);
	}

	/**
	 * @param line the 1-based line number in the request body
	 * @param reason why, in the request's language
	 */
	record Rejected(long line, String reason) {

	}

}
