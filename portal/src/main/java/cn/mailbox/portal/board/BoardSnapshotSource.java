package cn.mailbox.portal.board;

import reactor.core.publisher.Flux;

import org.springframework.stereotype.Component;

import cn.mailbox.moderation.workflow.OpenLetterBoard;
import cn.mailbox.site.pages.BoardEntry;
import cn.mailbox.site.pages.BoardSource;

/**
 * The open-letters board as the transparency pages take it: the static site depends on
 * nothing from moderation, so the portal copies the board's public fields across.
 */
@Component
class BoardSnapshotSource implements BoardSource {

	private final OpenLetterBoard board;

	BoardSnapshotSource(OpenLetterBoard board) {
		this.board = board;
	}

	@Override
	public Flux<BoardEntry> open() {
		return this.board.open()
			.map((entry) -> new BoardEntry(entry.trackingNumber(), entry.nature(), entry.unit(), entry.receivedAt(),
					entry.workingDaysElapsed(), entry.deadline(), entry.overdue()));
	}

}
