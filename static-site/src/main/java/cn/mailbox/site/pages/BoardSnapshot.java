package cn.mailbox.site.pages;

import java.time.Instant;
import java.util.List;

/**
 * The open-letters board as it was at one moment; browsers keep the timers ticking from
 * the embedded timestamps.
 *
 * @param takenAt when the snapshot was taken
 * @param entries the open letters, oldest first
 */
public record BoardSnapshot(Instant takenAt, List<BoardEntry> entries) {

	public BoardSnapshot {
		entries = List.copyOf(entries);
	}

}
