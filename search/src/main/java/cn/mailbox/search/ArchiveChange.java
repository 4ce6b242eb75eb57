package cn.mailbox.search;

import java.util.Objects;

/**
 * One entry of the publication log as the index applies it. Each carries the log's
 * sequence number; the index remembers the highest applied and ignores anything not
 * newer, so a consumer may replay the log from {@link ArchiveIndex#appliedSequence()}
 * after a crash without harm.
 */
public sealed interface ArchiveChange {

	/** The publication-log sequence number, increasing. */
	long sequence();

	/** The tracking number the change is about. */
	String trackingNumber();

	/** Publish a record, or replace the published version. */
	record Upsert(long sequence, ArchiveDocument document) implements ArchiveChange {

		public Upsert {
			Objects.requireNonNull(document, "document");
			requirePositive(sequence);
		}

		@Override
		public String trackingNumber() {
			return this.document.trackingNumber();
		}

	}

	/** Withdraw a record from the public archive. */
	record Delete(long sequence, String trackingNumber) implements ArchiveChange {

		public Delete {
			requirePositive(sequence);
			if (trackingNumber == null || trackingNumber.isBlank()) {
				throw new IllegalArgumentException("trackingNumber must not be blank");
			}
			trackingNumber = trackingNumber.strip();
		}

	}

	private static void requirePositive(long sequence) {
		if (sequence <= 0) {
			throw new IllegalArgumentException("sequence must be positive");
		}
	}

}
