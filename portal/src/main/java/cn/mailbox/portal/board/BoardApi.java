package cn.mailbox.portal.board;

import java.util.List;

import cn.mailbox.moderation.workflow.OpenLetterBoard;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "Public archive")
class BoardApi {

	private final OpenLetterBoard board;

	BoardApi(OpenLetterBoard board) {
		this.board = board;
	}

	@GetMapping(path = "/api/v1/board", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "The open-letters board (公示栏)",
			description = "Letters still being handled, with working days elapsed, deadline and overdue flag; "
					+ "investigations and letters whose writer refused publication are never listed")
	Mono<Board> board() {
		return this.board.open().collectList().map((items) -> new Board(items.size(), items));
	}

	record Board(int total, List<OpenLetterBoard.Entry> items) {
	}

}
