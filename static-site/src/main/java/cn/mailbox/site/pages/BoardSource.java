package cn.mailbox.site.pages;

import reactor.core.publisher.Flux;

/**
 * Where the open-letters board comes from: the portal adapts the moderation module's
 * board to it. Without one the board is shown empty.
 */
@FunctionalInterface
public interface BoardSource {

	Flux<BoardEntry> open();

}
