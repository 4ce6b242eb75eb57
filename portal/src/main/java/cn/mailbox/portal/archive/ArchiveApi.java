package cn.mailbox.portal.archive;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import cn.mailbox.moderation.statistics.LetterStatistics;
import cn.mailbox.publication.PublicArchive;
import cn.mailbox.search.ArchiveDocument;
import cn.mailbox.search.ArchiveHit;
import cn.mailbox.search.ArchivePage;
import cn.mailbox.search.ArchiveQuery;
import cn.mailbox.search.ArchiveSort;
import cn.mailbox.search.ReactiveArchive;
import cn.mailbox.site.pages.HandlingSource;

/**
 * The public archive for journalists and apps: search with facets, one record, streamed
 * exports, an Atom feed and statistics. Searches read the Lucene index (on its own
 * scheduler); a single record and the statistics read the archive tables, the source of
 * truth.
 */
@RestController
class ArchiveApi {

	static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

	static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");

	private final ReactiveArchive index;

	private final PublicArchive archive;

	private final JsonMapper json;

	private final MessageSource messages;

	private final Clock clock;

	private final LetterStatistics letterStatistics;

	private final HandlingSource handling;

	ArchiveApi(ReactiveArchive index, PublicArchive archive, JsonMapper json, MessageSource messages, Clock clock,
			LetterStatistics letterStatistics, HandlingSource handling) {
		this.letterStatistics = letterStatistics;
		this.handling = handling;
		this.index = index;
		this.archive = archive;
		this.json = json;
		this.messages = messages;
		this.clock = clock;
	}

	@GetMapping(path = "/api/v1/archive", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ArchiveViews.Page> search(ServerHttpRequest request) {
		ArchiveQuery query = ArchiveParameters.query(request.getQueryParams(), true);
		return search(query).map((page) -> ArchiveViews.Page.of(page, query.page() + 1, query.size()));
	}

	@GetMapping(path = "/api/v1/archive/{trackingNumber}", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ArchiveViews.Record> record(@PathVariable String trackingNumber) {
		return this.archive.find(trackingNumber)
			.map(ArchiveViews.Record::of)
			.switchIfEmpty(Mono.error(ArchiveRecordNotFound::new));
	}

	@GetMapping("/api/v1/archive/export")
	ResponseEntity<Flux<DataBuffer>> export(ServerHttpRequest request) {
		MultiValueMap<String, String> params = request.getQueryParams();
		String format = params.getFirst("format");
		boolean csv = format == null || format.isBlank() || format.strip().equalsIgnoreCase("csv");
		if (!csv && !format.strip().equalsIgnoreCase("ndjson")) {
			throw new InvalidArchiveParameter("format");
		}
		ArchiveQuery query = ArchiveParameters.query(params, false, ArchiveQuery.MAX_SIZE);
		Flux<ArchiveViews.Exported> records = this.index.export(query)
			.onErrorMap(IllegalArgumentException.class, (ex) -> new InvalidArchiveParameter("cursor"))
			.map(ArchiveViews.Exported::of);
		Flux<String> lines = csv ? Flux.concat(Mono.just(ArchiveCsv.header()), records.map(ArchiveCsv::row))
				: records.map((record) -> this.json.writeValueAsString(record) + "\n");
		return ResponseEntity.ok()
			.contentType(csv ? CSV : MediaType.APPLICATION_NDJSON)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					"attachment; filename=\"archive." + (csv ? "csv" : "ndjson") + "\"")
			.body(lines.map(ArchiveApi::buffer));
	}

	@GetMapping("/feeds/archive.atom")
	Mono<ResponseEntity<String>> feed(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		ArchiveQuery asked = ArchiveParameters.query(request.getQueryParams(), false, ArchiveFeed.ENTRIES);
		ArchiveQuery query = new ArchiveQuery(asked.q(), asked.filters(), asked.onTime(), asked.from(), asked.to(),
				(asked.sort() != null) ? asked.sort() : ArchiveSort.NEWEST, 0, ArchiveFeed.ENTRIES, null, false);
		String base = request.getURI().getScheme() + "://" + request.getURI().getRawAuthority();
		String self = request.getURI().toString();
		String title = this.messages.getMessage("archive.feed.title", null, exchange.getLocaleContext().getLocale());
		return search(query).map((page) -> page.items().stream().map(ArchiveHit::document).toList())
			.map((records) -> ArchiveFeed.render(base, self, title, updated(records), records))
			.map((xml) -> ResponseEntity.ok().contentType(ATOM).body(xml));
	}

	@GetMapping(path = "/api/v1/stats", produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ArchiveViews.Stats> stats(ServerHttpRequest request) {
		var from = ArchiveParameters.date(request.getQueryParams(), "from");
		var to = ArchiveParameters.date(request.getQueryParams(), "to");
		if (from != null && to != null && from.isAfter(to)) {
			throw new InvalidArchiveParameter("to");
		}
		return Mono
			.zip(this.archive.statistics(from, to).collectList(),
					this.letterStatistics.perUnitNatureAndMonth(from, to).collectList())
			.map((both) -> new ArchiveViews.Stats(from, to,
					ArchiveViews.StatsRow.merge(both.getT1(), both.getT2(), this.handling.minimumRatings(), from, to)));
	}

	private Mono<ArchivePage> search(ArchiveQuery query) {
		return this.index.search(query)
			.onErrorMap(IllegalArgumentException.class, (ex) -> new InvalidArchiveParameter("cursor"));
	}

	private Instant updated(List<ArchiveDocument> records) {
		return records.stream()
			.map(ArchiveDocument::publishedAt)
			.max(Comparator.naturalOrder())
			.orElseGet(this.clock::instant);
	}

	private static DataBuffer buffer(String text) {
		return DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8));
	}

}
