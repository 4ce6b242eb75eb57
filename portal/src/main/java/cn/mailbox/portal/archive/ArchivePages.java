package cn.mailbox.portal.archive;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

import cn.mailbox.portal.web.HtmlPage;
import cn.mailbox.publication.PublicArchive;
import cn.mailbox.search.ArchiveDocument;
import cn.mailbox.search.ArchiveHit;
import cn.mailbox.search.ArchivePage;
import cn.mailbox.search.ArchiveQuery;
import cn.mailbox.search.ArchiveSort;
import cn.mailbox.search.ReactiveArchive;
import cn.mailbox.site.generator.SiteGenerator;
import cn.mailbox.site.pages.BoardSnapshot;
import cn.mailbox.site.pages.BoardSource;
import cn.mailbox.site.pages.FacetGroup;
import cn.mailbox.site.pages.Figures;
import cn.mailbox.site.pages.HandlingCounts;
import cn.mailbox.site.pages.HandlingSource;
import cn.mailbox.site.pages.LetterPage;
import cn.mailbox.site.pages.LetterSummary;
import cn.mailbox.site.pages.Links;
import cn.mailbox.site.pages.ListPage;
import cn.mailbox.site.pages.PageLink;
import cn.mailbox.site.pages.SitePages;
import cn.mailbox.site.pages.StatsPage;
import cn.mailbox.site.pages.Statistics;

/**
 * The live transparency pages, rendered with the static site's templates in their LIVE
 * link style: the archive with its search box, facet filters, sorting and pages (from the
 * search index), a letter's permanent page with its handling timeline (from the archive
 * table), a unit's figures and letters, the statistics with server-made SVG charts, and
 * the open-letters board whose timers tick in the browser. The unit pages and the
 * statistics add the received, replied and satisfaction counts of the
 * {@link HandlingSource} (aggregates only) to the published letters' timers.
 */
@Controller
@HtmlPage
class ArchivePages {

	static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ArchivePages.class);

	private final ReactiveArchive index;

	private final PublicArchive archive;

	private final SitePages pages;

	private final SiteGenerator site;

	private final BoardSource board;

	private final HandlingSource handling;

	private final Clock clock;

	private volatile CachedStats stats = new CachedStats(null, null, null, null);

	ArchivePages(ReactiveArchive index, PublicArchive archive, SitePages pages, SiteGenerator site, BoardSource board,
			HandlingSource handling, Clock clock) {
		this.index = index;
		this.archive = archive;
		this.pages = pages;
		this.site = site;
		this.board = board;
		this.handling = handling;
		this.clock = clock;
	}

	@GetMapping(path = "/archive", produces = MediaType.TEXT_HTML_VALUE)
	Mono<ResponseEntity<String>> archive(ServerWebExchange exchange) {
		MultiValueMap<String, String> params = exchange.getRequest().getQueryParams();
		Locale locale = locale(exchange);
		ArchiveQuery query;
		try {
			query = ArchiveParameters.query(params, true);
		}
		catch (InvalidArchiveParameter | IllegalArgumentException ex) {
			return Mono.just(page(HttpStatus.BAD_REQUEST, this.pages.notFound(Links.live(), locale)));
		}
		String q = params.getFirst("q");
		String kind = (q != null && !q.isBlank()) ? "search" : "archive";
		return search(query).map((result) -> page(HttpStatus.OK,
				this.pages.list(listPage(kind, null, "/archive", params, query, result, null), Links.live(), locale)));
	}

	@GetMapping(path = "/archive/{trackingNumber}", produces = MediaType.TEXT_HTML_VALUE)
	Mono<ResponseEntity<String>> letter(@PathVariable String trackingNumber, ServerWebExchange exchange) {
		Locale locale = locale(exchange);
		return this.archive.find(trackingNumber)
			.map((record) -> page(HttpStatus.OK, this.pages.letter(LetterPage.of(record), Links.live(), locale)))
			.defaultIfEmpty(page(HttpStatus.NOT_FOUND, this.pages.notFound(Links.live(), locale)));
	}

	@GetMapping(path = "/units/{unit}", produces = MediaType.TEXT_HTML_VALUE)
	Mono<ResponseEntity<String>> unit(@PathVariable String unit, ServerWebExchange exchange) {
		Locale locale = locale(exchange);
		MultiValueMap<String, String> params = new LinkedMultiValueMap<>(exchange.getRequest().getQueryParams());
		params.remove("unit");
		params.remove("q");
		params.add("unit", unit);
		ArchiveQuery query;
		try {
			query = ArchiveParameters.query(params, false);
		}
		catch (InvalidArchiveParameter | IllegalArgumentException ex) {
			return Mono.just(page(HttpStatus.BAD_REQUEST, this.pages.notFound(Links.live(), locale)));
		}
		List<LetterSummary> published = this.site.letters()
			.stream()
			.filter((letter) -> letter.units().contains(unit))
			.toList();
		String path = "/units/" + org.springframework.web.util.UriUtils.encodePathSegment(unit,
				java.nio.charset.StandardCharsets.UTF_8);
		MultiValueMap<String, String> own = new LinkedMultiValueMap<>(exchange.getRequest().getQueryParams());
		own.remove("unit");
		return Mono.zip(search(query), counts()).map((both) -> {
			ArchivePage result = both.getT1();
			if (result.total() == 0) {
				return page(HttpStatus.NOT_FOUND, this.pages.notFound(Links.live(), locale));
			}
			Figures figures = Statistics.unit(unit, published, both.getT2());
			return page(HttpStatus.OK,
					this.pages.list(listPage("unit", unit, path, own, query, result, figures), Links.live(), locale));
		});
	}

	@GetMapping(path = "/stats", produces = MediaType.TEXT_HTML_VALUE)
	Mono<ResponseEntity<String>> stats(ServerWebExchange exchange) {
		Locale locale = locale(exchange);
		List<LetterSummary> letters = this.site.letters();
		return counts().map((counts) -> {
			CachedStats cached = this.stats;
			StatsPage page;
			if (cached.letters() == letters && counts.equals(cached.counts()) && locale.equals(cached.locale())) {
				page = cached.page();
			}
			else {
				page = Statistics.page(letters, counts, this.pages.zone(), Links.live(),
						(key, args) -> this.pages.message(key, locale, args));
				this.stats = new CachedStats(letters, counts, locale, page);
			}
			return page(HttpStatus.OK, this.pages.stats(page, Links.live(), locale));
		});
	}

	/** The handling counts; without them (an error) the pages show the timers alone. */
	private Mono<HandlingCounts> counts() {
		return this.handling.counts()
			.collectList()
			.map((list) -> HandlingCounts.of(list, this.handling.minimumRatings()))
			.onErrorReturn(HandlingCounts.NONE);
	}

	@GetMapping(path = "/board", produces = MediaType.TEXT_HTML_VALUE)
	Mono<ResponseEntity<String>> board(ServerWebExchange exchange) {
		Locale locale = locale(exchange);
		return this.board.open()
			.collectList()
			.map((entries) -> page(HttpStatus.OK,
					this.pages.board(new BoardSnapshot(this.clock.instant(), entries), Links.live(), locale)));
	}

	private record CachedStats(List<LetterSummary> letters, HandlingCounts counts, Locale locale, StatsPage page) {
	}

	private Mono<ArchivePage> search(ArchiveQuery query) {
		return this.index.search(query);
	}

	/**
	 * A result page: newest first, pages counted from 1, filters as links that toggle.
	 */
	private static ListPage listPage(String kind, String code, String path, MultiValueMap<String, String> params,
			ArchiveQuery query, ArchivePage result, Figures figures) {
		List<LetterSummary> items = new ArrayList<>();
		Map<String, String> snippets = new LinkedHashMap<>();
		for (ArchiveHit hit : result.items()) {
			ArchiveDocument d = hit.document();
			items.add(new LetterSummary(d.trackingNumber(), d.title(), d.nature(), d.units(), d.receivedAt(),
					d.repliedAt(), d.workingDays(), d.limitDays(), d.onTime()));
			if (hit.snippet() != null && !hit.snippet().isBlank()) {
				snippets.put(d.trackingNumber(), plain(hit.snippet()));
			}
		}
		int current = query.page() + 1;
		long pagesCount = Math.max(1,
				Math.min((result.total() + query.size() - 1) / query.size(), ArchiveQuery.MAX_WINDOW / query.size()));
		List<PageLink> pager = new ArrayList<>();
		for (long p = Math.max(1, current - 2); p <= Math.min(pagesCount, current + 2); p++) {
			pager.add(new PageLink(String.valueOf(p), href(path, params, "page", String.valueOf(p)), p == current, -1));
		}
		String newer = (current > 1) ? href(path, params, "page", String.valueOf(current - 1)) : null;
		String older = (current < pagesCount) ? href(path, params, "page", String.valueOf(current + 1)) : null;
		List<FacetGroup> facets = new ArrayList<>();
		result.facets().forEach((key, values) -> {
			if ("unit".equals(key) && "unit".equals(kind)) {
				return;
			}
			List<String> selected = params.getOrDefault(key, List.of());
			List<PageLink> links = values.entrySet()
				.stream()
				.map((value) -> new PageLink(value.getKey(), toggle(path, params, key, value.getKey()),
						selected.contains(value.getKey()), value.getValue()))
				.toList();
			if (!links.isEmpty()) {
				facets.add(new FacetGroup(key, links));
			}
		});
		List<PageLink> sorts = new ArrayList<>();
		for (ArchiveSort sort : ArchiveSort.values()) {
			String name = sort.name().toLowerCase(Locale.ROOT);
			sorts.add(new PageLink(name, href(path, params, "sort", name), sort == query.effectiveSort(), -1));
		}
		facets.add(new FacetGroup("sort", sorts));
		String feed = "unit".equals(kind) ? Links.live().unitFeed(code) : Links.live().feed();
		return new ListPage(kind, code, result.total(), items, snippets, (current > 1) ? String.valueOf(current) : null,
				pager, newer, older, facets, params.getFirst("q"), figures, feed);
	}

	private static String href(String path, MultiValueMap<String, String> params, String key, String value) {
		MultiValueMap<String, String> next = new LinkedMultiValueMap<>(params);
		next.remove("cursor");
		if (!"page".equals(key)) {
			next.remove("page");
		}
		next.put(key, List.of(value));
		return build(path, next);
	}

	private static String toggle(String path, MultiValueMap<String, String> params, String key, String value) {
		MultiValueMap<String, String> next = new LinkedMultiValueMap<>(params);
		next.remove("page");
		next.remove("cursor");
		List<String> values = new ArrayList<>(next.getOrDefault(key, List.of()));
		if (!values.remove(value)) {
			values.add(value);
		}
		next.put(key, values);
		if (values.isEmpty()) {
			next.remove(key);
		}
		return build(path, next);
	}

	private static String build(String path, MultiValueMap<String, String> params) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
		Map<String, Object> variables = new LinkedHashMap<>();
		params.forEach((key, values) -> values.forEach((value) -> {
			String name = "v" + variables.size();
			uri.queryParam(key, "{" + name + "}");
			variables.put(name, value);
		}));
		return uri.encode().buildAndExpand(variables).toUriString();
	}

	/** The snippet's text without its highlighting tags. */
	static String plain(String snippet) {
		return snippet.replace("<mark>", "")
			.replace("</mark>", "")
			.replace("&lt;", "<")
			.replace("&gt;", ">")
			.replace("&quot;", "\"")
			.replace("&#39;", "'")
			.replace("&apos;", "'")
			.replace("&amp;", "&");
	}

	private static Locale locale(ServerWebExchange exchange) {
		Locale locale = exchange.getLocaleContext().getLocale();
		return (locale != null) ? locale : SitePages.CHINESE;
	}

	private static ResponseEntity<String> page(HttpStatus status, String html) {
		return ResponseEntity.status(status).contentType(HTML).body(html);
	}

}
