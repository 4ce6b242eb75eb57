package cn.mailbox.site.generator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

import cn.mailbox.publication.PublicRecord;
import cn.mailbox.site.pages.BoardEntry;
import cn.mailbox.site.pages.BoardSnapshot;
import cn.mailbox.site.pages.BoardSource;
import cn.mailbox.site.pages.HandlingCounts;
import cn.mailbox.site.pages.HandlingSource;
import cn.mailbox.site.pages.Digest;
import cn.mailbox.site.pages.Figures;
import cn.mailbox.site.pages.HomePage;
import cn.mailbox.site.pages.LetterPage;
import cn.mailbox.site.pages.LetterSummary;
import cn.mailbox.site.pages.Links;
import cn.mailbox.site.pages.ListPage;
import cn.mailbox.site.pages.PageLink;
import cn.mailbox.site.pages.SitePages;
import cn.mailbox.site.pages.Slugs;
import cn.mailbox.site.pages.Statistics;

/**
 * Writes the transparency site as plain files from public records, and keeps it up to
 * date.
 * <p>
 * It holds a small model of every published letter (the list fields and a digest of the
 * whole record). From it, every file the site should hold is planned with a digest of its
 * inputs; a sync renders only the files whose digest differs from the folder's
 * {@link Manifest}, deletes the ones no longer planned, then writes the manifest with the
 * publication-log cursor. A publication therefore rewrites its letter page, the list
 * pages it is on, its unit, nature and year pages, home, statistics, feeds, sitemap and
 * dumps; a full rebuild renders everything into a new folder and swaps it in.
 * <p>
 * All work runs one piece at a time on the given scheduler (a single-threaded bounded
 * one: file I/O never touches an event loop), which also confines the model.
 */
public final class SiteGenerator {

	private static final Logger log = LoggerFactory.getLogger(SiteGenerator.class);

	/** Letters on the home page. */
	static final int NEWEST = 10;

	/** Letters fetched per query when rendering letter pages. */
	static final int FETCH = 256;

	/** URLs per sitemap file (the protocol's limit). */
	static final int SITEMAP_URLS = 50_000;

	private static final Comparator<LetterSummary> OLDEST_FIRST = Comparator.comparing(LetterSummary::receivedAt)
		.thenComparing(LetterSummary::trackingNumber);

	private final SiteSettings settings;

	private final SitePages pages;

	private final PublicRecords records;

	private final BoardSource board;

	private final HandlingSource handling;

	private volatile HandlingCounts counts = HandlingCounts.NONE;

	private final Clock clock;

	private final Scheduler scheduler;

	private final byte[] schema;

	private final Map<String, Entry> entries = new HashMap<>();

	private final Sinks.Many<Mono<Void>> work = Sinks.many().unicast().onBackpressureBuffer();

	private Manifest manifest;

	private volatile List<LetterSummary> published = List.of();

	private volatile long cursor = -1;

	/**
	 * @param settings where and how to write
	 * @param pages the renderer (shared with the live pages)
	 * @param records the public records
	 * @param board the open-letters board, or {@code null} for none
	 * @param clock the time of board snapshots
	 * @param scheduler a single-threaded scheduler that may block (file I/O)
	 */
	public SiteGenerator(SiteSettings settings, SitePages pages, PublicRecords records, BoardSource board, Clock clock,
			Scheduler scheduler) {
		this(settings, pages, records, board, null, clock, scheduler);
	}

	/**
	 * @param handling the received, replied and satisfaction counts, or {@code null} for
	 * none (read with the board, so they are as fresh as the board)
	 * @see #SiteGenerator(SiteSettings, SitePages, PublicRecords, BoardSource, Clock,
	 * Scheduler)
	 */
	public SiteGenerator(SiteSettings settings, SitePages pages, PublicRecords records, BoardSource board,
			HandlingSource handling, Clock clock, Scheduler scheduler) {
		this.handling = (handling != null) ? handling : Flux::empty;
		this.settings = Objects.requireNonNull(settings, "settings");
		this.pages = Objects.requireNonNull(pages, "pages");
		this.records = Objects.requireNonNull(records, "records");
		this.board = (board != null) ? board : Flux::empty;
		this.clock = Objects.requireNonNull(clock, "clock");
		this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
		this.schema = resource("site-data/schema.json");
		this.work.asFlux().concatMap((task) -> task.onErrorResume((ex) -> Mono.empty())).subscribe();
	}

	/**
	 * What a run did.
	 *
	 * @param written files written
	 * @param deleted files deleted
	 * @param files files the site holds
	 * @param letters letters published
	 * @param cursor the log sequence the folder now reflects
	 * @param took the whole run
	 * @param dumps the part spent rewriting the open-data dumps (zero when unchanged)
	 */
	public record Report(long written, long deleted, long files, long letters, long cursor, Duration took,
			Duration dumps) {

	}

	/** Told how far a full rebuild is. */
	@FunctionalInterface
	public interface Progress {

		void update(long done, long total);

	}

	/** The site folder (a link to the current build). */
	public Path root() {
		return this.settings.root();
	}

	/** The publication-log sequence the folder reflects, or -1 before {@link #open}. */
	public long cursor() {
		return this.cursor;
	}

	/** Every published letter the model holds, oldest first (for the live statistics). */
	public List<LetterSummary> letters() {
		return this.published;
	}

	/**
	 * Loads the model from the archive and brings the folder up to date: a full rebuild
	 * when there is no site yet or it was made by other templates, else a sync that
	 * rewrites only what differs.
	 * @param position the log position the archive is at (read before this call)
	 */
	public Mono<Report> open(long position) {
		return serial(Mono.defer(() -> {
			Instant start = this.clock.instant();
			return loadModel()
				.then(Mono.fromCallable(() -> Manifest.read(SiteFiles.current(this.settings.root())))
					.subscribeOn(this.scheduler)
					.map(java.util.Optional::of)
					.defaultIfEmpty(java.util.Optional.empty()))
				.flatMap((existing) -> {
					Manifest found = existing.orElse(null);
					if (found == null || found.fingerprint() != this.pages.fingerprint()) {
						log.info("Building the static site in full under {}", this.settings.root());
						return build(position, null, start);
					}
					this.manifest = found;
					return sync(position, start);
				});
		}));
	}

	/**
	 * Renders the whole site into a new folder and swaps it in at once.
	 * @param position the log position the archive is at (read before this call)
	 * @param progress told after every file, or {@code null}
	 */
	public Mono<Report> rebuild(long position, Progress progress) {
		return serial(Mono.defer(() -> {
			Instant start = this.clock.instant();
			return loadModel().then(build(position, progress, start));
		}));
	}

	/**
	 * Applies publications and withdrawals: re-reads these letters, then rewrites the
	 * files that changed.
	 * @param position the log sequence of the last change included
	 * @param trackingNumbers the letters published or withdrawn
	 */
	public Mono<Report> apply(long position, Collection<String> trackingNumbers) {
		Set<String> numbers = new LinkedHashSet<>(trackingNumbers);
		return serial(Mono.defer(() -> {
			Instant start = this.clock.instant();
			return fetch(numbers).map((found) -> {
				numbers.forEach(this.entries::remove);
				found.forEach(this::put);
				return found.size();
			}).then(Mono.defer(() -> sync(position, start)));
		}));
	}

	/**
	 * Takes a new board snapshot and rewrites whatever changed (normally the board page).
	 */
	public Mono<Report> refresh() {
		return serial(Mono.defer(() -> sync(Math.max(0, this.cursor), this.clock.instant())));
	}

	private <T> Mono<T> serial(Mono<T> task) {
		return Mono.create((sink) -> this.work
			.emitNext(task.doOnNext(sink::success).doOnError(sink::error).doOnSuccess((value) -> {
				if (value == null) {
					sink.success();
				}
			}).then(), Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1))));
	}

	private Mono<Void> loadModel() {
		return Mono.fromRunnable(this.entries::clear)
			.subscribeOn(this.scheduler)
			.thenMany(this.records.all().publishOn(this.scheduler, FETCH))
			.doOnNext(this::put)
			.then();
	}

	private void put(PublicRecord record) {
		this.entries.put(record.trackingNumber(),
				new Entry(LetterSummary.of(record), new Digest().add(record.toString()).value()));
	}

	private Mono<List<PublicRecord>> fetch(Collection<String> numbers) {
		if (numbers.isEmpty()) {
			return Mono.just(List.<PublicRecord>of()).publishOn(this.scheduler);
		}
		return this.records.findAll(numbers).collectList().publishOn(this.scheduler);
	}

	private Mono<BoardSnapshot> snapshot() {
		Instant now = this.clock.instant();
		Mono<Void> counts = this.handling.counts()
			.collectList()
			.doOnNext((list) -> this.counts = HandlingCounts.of(list))
			.onErrorResume((ex) -> {
				log.warn("Could not read the handling counts; the statistics keep the last ones", ex);
				return Mono.empty();
			})
			.then();
		return counts.then(this.board.open().collectList().onErrorResume((ex) -> {
			log.warn("Could not read the open-letters board; the static board stays as it was", ex);
			return Mono.empty();
		}).map((list) -> new BoardSnapshot(now, list)));
	}

	/** Full build into a new folder, then swap. */
	private Mono<Report> build(long position, Progress progress, Instant start) {
		return snapshot().defaultIfEmpty(new BoardSnapshot(this.clock.instant(), List.of()))
			.publishOn(this.scheduler)
			.flatMap((snapshot) -> {
				Path folder;
				try {
					folder = SiteFiles.newBuild(this.settings.root());
				}
				catch (IOException ex) {
					return Mono.error(new UncheckedIOException(ex));
				}
				Plan plan = plan(snapshot);
				Manifest empty = new Manifest(0, this.pages.fingerprint(), Map.of());
				return execute(folder, plan, empty, position, progress).publishOn(this.scheduler).map((report) -> {
					try {
						SiteFiles.swap(this.settings.root(), folder);
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
					return finish(report, start);
				});
			});
	}

	private Mono<Report> sync(long position, Instant start) {
		return snapshot().publishOn(this.scheduler)
			.map(java.util.Optional::of)
			.defaultIfEmpty(java.util.Optional.empty())
			.publishOn(this.scheduler)
			.flatMap((snapshot) -> {
				Path folder;
				try {
					folder = SiteFiles.current(this.settings.root());
				}
				catch (IOException ex) {
					return Mono.error(new UncheckedIOException(ex));
				}
				Plan plan = plan(snapshot.orElse(null));
				return execute(folder, plan, this.manifest, position, null).map((report) -> finish(report, start));
			});
	}

	private Report finish(Report report, Instant start) {
		this.cursor = report.cursor();
		this.published = this.entries.values().stream().map(Entry::summary).sorted(OLDEST_FIRST).toList();
		return new Report(report.written(), report.deleted(), report.files(), report.letters(), report.cursor(),
				Duration.between(start, this.clock.instant()), report.dumps());
	}

	/**
	 * Writes what differs from the old manifest into the folder, deletes what is no
	 * longer planned, then writes the new manifest.
	 */
	private Mono<Report> execute(Path folder, Plan plan, Manifest old, long position, Progress progress) {
		Map<String, Long> oldDigests = old.digests();
		Map<String, Long> digests = new HashMap<>();
		List<FileJob> files = new ArrayList<>();
		List<String> letters = new ArrayList<>();
		for (Job job : plan.jobs()) {
			Long before = oldDigests.get(job.path());
			if (before != null && before == job.digest()) {
				digests.put(job.path(), job.digest());
			}
			else if (job instanceof FileJob file) {
				files.add(file);
			}
			else if (job instanceof LetterJob letter) {
				letters.add(letter.trackingNumber());
			}
		}
		Job data = plan.data();
		boolean dataChanged = !Objects.equals(oldDigests.get(data.path()), data.digest());
		List<String> removed = oldDigests.keySet().stream().filter((path) -> !plan.paths().contains(path)).toList();
		long total = files.size() + letters.size() + (dataChanged ? 1 : 0);
		AtomicLong done = new AtomicLong();
		Runnable step = () -> {
			long now = done.incrementAndGet();
			if (progress != null) {
				progress.update(now, total);
			}
		};
		Mono<Void> writeFiles = Mono.fromRunnable(() -> {
			for (FileJob file : files) {
				SiteFiles.write(folder, file.path(), file.content().get());
				digests.put(file.path(), file.digest());
				step.run();
			}
		}).subscribeOn(this.scheduler).then();
		Mono<Void> writeLetters = Flux.fromIterable(partition(letters))
			.concatMap(
					(chunk) -> this.records.findAll(chunk).collectList().publishOn(this.scheduler).doOnNext((found) -> {
						for (PublicRecord record : found) {
							String path = letterPath(record.trackingNumber());
							Entry entry = this.entries.get(record.trackingNumber());
							if (entry == null) {
								continue;
							}
							SiteFiles.write(folder, path,
									this.pages.letter(LetterPage.of(record), links(path), SitePages.CHINESE)
										.getBytes(StandardCharsets.UTF_8));
							digests.put(path, entry.hash());
							step.run();
						}
					}))
			.then();
		long[] dumpNanos = new long[2];
		Mono<Void> writeData = dataChanged ? Mono.defer(() -> {
			dumpNanos[0] = System.nanoTime();
			return writeData(folder);
		}).subscribeOn(this.scheduler).doOnSuccess((count) -> {
			dumpNanos[1] = System.nanoTime();
			digests.put(data.path(), data.digest());
			step.run();
		}).then() : Mono.empty();
		Mono<Void> delete = Mono.fromRunnable(() -> removed.forEach((path) -> SiteFiles.delete(folder, path)))
			.subscribeOn(this.scheduler)
			.then();
		return writeFiles.then(writeLetters).then(writeData).then(delete).then(Mono.fromCallable(() -> {
			Manifest next = new Manifest(position, this.pages.fingerprint(), digests);
			next.write(folder);
			this.manifest = next;
			return new Report(files.size() + letters.size() + (dataChanged ? 2 : 0), removed.size(), digests.size() + 1,
					this.entries.size(), position, Duration.ZERO, Duration.ofNanos(dumpNanos[1] - dumpNanos[0]));
		}).subscribeOn(this.scheduler));
	}

	private Mono<Long> writeData(Path folder) {
		return Mono.using(() -> new OpenData(folder, this.settings.zone()),
				(dumps) -> this.records.all()
					.publishOn(this.scheduler, FETCH)
					.doOnNext(dumps::add)
					.then(Mono.fromCallable(dumps::count)),
				(dumps) -> {
					try {
						dumps.close();
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				});
	}

	private static List<List<String>> partition(List<String> numbers) {
		List<List<String>> chunks = new ArrayList<>();
		for (int i = 0; i < numbers.size(); i += FETCH) {
			chunks.add(numbers.subList(i, Math.min(numbers.size(), i + FETCH)));
		}
		return chunks;
	}

	// --- planning ---------------------------------------------------------------------

	/** A file the site should hold and the digest of its inputs. */
	private sealed interface Job permits FileJob, LetterJob, DataJob {

		String path();

		long digest();

	}

	private record FileJob(String path, long digest, java.util.function.Supplier<byte[]> content) implements Job {
	}

	private record LetterJob(String path, long digest, String trackingNumber) implements Job {
	}

	private record DataJob(String path, long digest) implements Job {
	}

	private record Plan(List<Job> jobs, DataJob data, Set<String> paths) {
	}

	private record Entry(LetterSummary summary, long hash) {
	}

	/**
	 * Every file of the site with the digest of its inputs; nothing is rendered yet. A
	 * {@code null} board keeps the board page as it is.
	 */
	private Plan plan(BoardSnapshot snapshot) {
		List<Entry> sorted = this.entries.values()
			.stream()
			.sorted(Comparator.comparing(Entry::summary, OLDEST_FIRST))
			.toList();
		List<Job> jobs = new ArrayList<>(sorted.size() * 2 + 64);
		List<String> html = new ArrayList<>(sorted.size() + 1024);
		for (String asset : SitePages.ASSETS) {
			byte[] bytes = this.pages.asset(asset);
			jobs.add(new FileJob("assets/" + asset, new Digest().add(new String(bytes, StandardCharsets.UTF_8)).value(),
					() -> bytes));
		}
		jobs.add(new FileJob(OpenData.SCHEMA, new Digest().add(new String(this.schema, StandardCharsets.UTF_8)).value(),
				() -> this.schema));
		for (Entry entry : sorted) {
			String path = letterPath(entry.summary().trackingNumber());
			jobs.add(new LetterJob(path, entry.hash(), entry.summary().trackingNumber()));
			html.add(path);
		}
		Map<String, List<Entry>> units = new TreeMap<>();
		Map<String, List<Entry>> natures = new TreeMap<>();
		Map<String, List<Entry>> years = new TreeMap<>();
		for (Entry entry : sorted) {
			for (String unit : entry.summary().units()) {
				units.computeIfAbsent(unit, (u) -> new ArrayList<>()).add(entry);
			}
			natures.computeIfAbsent(entry.summary().nature(), (n) -> new ArrayList<>()).add(entry);
			years
				.computeIfAbsent(String.valueOf(entry.summary().receivedAt().atZone(this.settings.zone()).getYear()),
						(y) -> new ArrayList<>())
				.add(entry);
		}
		planList(jobs, html, "archive", null, "archive", sorted);
		units.forEach((unit, list) -> planList(jobs, html, "unit", unit, "units/" + Slugs.of(unit), list));
		natures.forEach((nature, list) -> planList(jobs, html, "nature", nature, "natures/" + Slugs.of(nature), list));
		years.forEach((year, list) -> planList(jobs, html, "year", year, "years/" + Slugs.of(year), list));
		planHome(jobs, html, sorted, units, natures, years);
		planStats(jobs, html, sorted);
		planBoard(jobs, html, snapshot);
		planFeeds(jobs, sorted, units);
		planNotFound(jobs);
		planSitemap(jobs, html);
		Digest all = new Digest();
		this.entries.values()
			.stream()
			.sorted(Comparator.comparing((Entry e) -> e.summary().trackingNumber()))
			.forEach((entry) -> all.add(entry.hash()));
		DataJob data = new DataJob(OpenData.NDJSON, all.value());
		Set<String> paths = new HashSet<>(jobs.size() * 2);
		jobs.forEach((job) -> paths.add(job.path()));
		paths.add(data.path());
		if (snapshot == null) {
			paths.add(BOARD);
		}
		return new Plan(jobs, data, paths);
	}

	private static final String BOARD = "board/index.html";

	private void planList(List<Job> jobs, List<String> html, String kind, String code, String dir, List<Entry> items) {
		int size = this.settings.pageSize();
		int count = items.size();
		int pagesCount = Math.max(1, (count + size - 1) / size);
		for (int p = 1; p <= pagesCount; p++) {
			String path = dir + "/page-" + p + ".html";
			List<Entry> slice = newestFirst(items.subList((p - 1) * size, Math.min(count, p * size)));
			List<PageLink> pager = pager(p, pagesCount);
			String newer = (p < pagesCount) ? "page-" + (p + 1) + ".html" : null;
			String older = (p > 1) ? "page-" + (p - 1) + ".html" : null;
			Links links = links(path);
			String feed = "unit".equals(kind) ? links.unitFeed(code) : "archive".equals(kind) ? links.feed() : null;
			ListPage page = new ListPage(kind, code, -1, summaries(slice), null, String.valueOf(p), pager, newer, older,
					List.of(), null, null, feed);
			Digest digest = new Digest().add(path).add(kind).add(code);
			slice.forEach((entry) -> digest.add(entry.hash()));
			pager.forEach((link) -> digest.add(link.href()));
			digest.add(newer).add(older);
			jobs.add(new FileJob(path, digest.value(), () -> html(this.pages.list(page, links, SitePages.CHINESE))));
			html.add(path);
		}
		String path = dir + "/index.html";
		List<Entry> newest = newestFirst(items.subList(Math.max(0, count - size), count));
		List<PageLink> pager = new ArrayList<>();
		for (int p = pagesCount; p >= Math.max(1, pagesCount - 4); p--) {
			pager.add(new PageLink(String.valueOf(p), "page-" + p + ".html", false, -1));
		}
		if (pagesCount > 5) {
			pager.add(new PageLink("1", "page-1.html", false, -1));
		}
		String older = (pagesCount > 1) ? "page-" + (pagesCount - 1) + ".html" : null;
		Links links = links(path);
		Figures figures = "unit".equals(kind) ? Statistics.unit(code, summaries(items), this.counts) : null;
		String feed = "unit".equals(kind) ? links.unitFeed(code) : "archive".equals(kind) ? links.feed() : null;
		ListPage page = new ListPage(kind, code, count, summaries(newest), null, null, pager, null, older, List.of(),
				null, figures, feed);
		Digest digest = new Digest().add(path).add(kind).add(code).add(count).add(pagesCount);
		newest.forEach((entry) -> digest.add(entry.hash()));
		if (figures != null) {
			digest.add(figures.toString());
		}
		jobs.add(new FileJob(path, digest.value(), () -> html(this.pages.list(page, links, SitePages.CHINESE))));
		html.add(path);
	}

	/** Numbered links around page p (pages counted from the oldest). */
	private static List<PageLink> pager(int p, int pagesCount) {
		List<PageLink> links = new ArrayList<>();
		links.add(new PageLink("↑", "index.html", false, -1));
		for (int k = Math.min(pagesCount, p + 2); k >= Math.max(1, p - 2); k--) {
			links.add(new PageLink(String.valueOf(k), "page-" + k + ".html", k == p, -1));
		}
		if (p - 2 > 1) {
			links.add(new PageLink("1", "page-1.html", false, -1));
		}
		return links;
	}

	private void planHome(List<Job> jobs, List<String> html, List<Entry> sorted, Map<String, List<Entry>> units,
			Map<String, List<Entry>> natures, Map<String, List<Entry>> years) {
		String path = "index.html";
		Links links = links(path);
		List<Entry> newest = newestFirst(sorted.subList(Math.max(0, sorted.size() - NEWEST), sorted.size()));
		HomePage page = new HomePage(Figures.of(summaries(sorted), this.counts.totals()), summaries(newest),
				counted(units, links::unit), counted(natures, links::nature), counted(years, links::year).reversed());
		jobs.add(new FileJob(path, new Digest().add(page.toString()).value(),
				() -> html(this.pages.home(page, links, SitePages.CHINESE))));
		html.add(path);
	}

	private static List<PageLink> counted(Map<String, List<Entry>> groups,
			java.util.function.Function<String, String> href) {
		return groups.entrySet()
			.stream()
			.map((e) -> new PageLink(e.getKey(), href.apply(e.getKey()), false, e.getValue().size()))
			.toList();
	}

	private void planStats(List<Job> jobs, List<String> html, List<Entry> sorted) {
		String path = "stats/index.html";
		Links links = links(path);
		var page = Statistics.page(summaries(sorted), this.counts, this.settings.zone(), links,
				(key, args) -> this.pages.message(key, SitePages.CHINESE, args));
		jobs.add(new FileJob(path, new Digest().add(page.toString()).value(),
				() -> html(this.pages.stats(page, links, SitePages.CHINESE))));
		html.add(path);
	}

	private void planBoard(List<Job> jobs, List<String> html, BoardSnapshot snapshot) {
		html.add(BOARD);
		if (snapshot == null) {
			return;
		}
		Links links = links(BOARD);
		Digest digest = new Digest();
		for (BoardEntry entry : snapshot.entries()) {
			digest.add(entry.toString());
		}
		jobs.add(new FileJob(BOARD, digest.value(), () -> html(this.pages.board(snapshot, links, SitePages.CHINESE))));
	}

	private void planFeeds(List<Job> jobs, List<Entry> sorted, Map<String, List<Entry>> units) {
		String name = this.pages.message("site.name", SitePages.CHINESE, null);
		feed(jobs, "feeds/archive.atom", "archive", name, "../", sorted);
		units.forEach((unit, list) -> feed(jobs, "feeds/units/" + Slugs.of(unit) + ".atom", "unit:" + unit,
				name + " · " + unit, "../../", list));
	}

	private void feed(List<Job> jobs, String path, String id, String title, String root, List<Entry> items) {
		List<Entry> newest = newestFirst(items.subList(Math.max(0, items.size() - AtomFeed.ENTRIES), items.size()));
		Digest digest = new Digest().add(id).add(title);
		newest.forEach((entry) -> digest.add(entry.hash()));
		String self = path.substring(path.lastIndexOf('/') + 1);
		List<LetterSummary> letters = summaries(newest);
		jobs.add(new FileJob(path, digest.value(),
				() -> AtomFeed.render(id, title, root, self, letters, SiteGenerator::letterPath)
					.getBytes(StandardCharsets.UTF_8)));
	}

	private void planNotFound(List<Job> jobs) {
		String path = "404.html";
		jobs.add(new FileJob(path, new Digest().add(path).value(),
				() -> html(this.pages.notFound(links(path), SitePages.CHINESE))));
	}

	private void planSitemap(List<Job> jobs, List<String> html) {
		String base = (this.settings.baseUrl() != null) ? this.settings.baseUrl() + "/" : "";
		List<String> sorted = html.stream().sorted().toList();
		List<String> files = new ArrayList<>();
		if (sorted.size() <= SITEMAP_URLS) {
			jobs.add(urlset("sitemap.xml", base, sorted));
		}
		else {
			for (int i = 0, n = 1; i < sorted.size(); i += SITEMAP_URLS, n++) {
				String path = "sitemaps/sitemap-" + n + ".xml";
				jobs.add(urlset(path, base, sorted.subList(i, Math.min(sorted.size(), i + SITEMAP_URLS))));
				files.add(path);
			}
			StringBuilder xml = new StringBuilder(
					"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
			files.forEach((file) -> xml.append("  <sitemap><loc>")
				.append(AtomFeed.escape(base + file))
				.append("</loc></sitemap>\n"));
			String text = xml.append("</sitemapindex>\n").toString();
			jobs.add(new FileJob("sitemap.xml", new Digest().add(text).value(),
					() -> text.getBytes(StandardCharsets.UTF_8)));
		}
		StringBuilder robots = new StringBuilder("User-agent: *\nAllow: /\n");
		if (!base.isEmpty()) {
			robots.append("Sitemap: ").append(base).append("sitemap.xml\n");
		}
		String text = robots.toString();
		jobs.add(
				new FileJob("robots.txt", new Digest().add(text).value(), () -> text.getBytes(StandardCharsets.UTF_8)));
	}

	private static FileJob urlset(String path, String base, List<String> urls) {
		Digest digest = new Digest().add(path).add(base);
		urls.forEach(digest::add);
		return new FileJob(path, digest.value(), () -> {
			StringBuilder xml = new StringBuilder(
					"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
			String prefix = path.contains("/") ? (base.isEmpty() ? "../" : base) : base;
			for (String url : urls) {
				xml.append("  <url><loc>").append(AtomFeed.escape(prefix + url)).append("</loc></url>\n");
			}
			return xml.append("</urlset>\n").toString().getBytes(StandardCharsets.UTF_8);
		});
	}

	private Links links(String path) {
		return Links.relativeTo(path, this.settings.searchApi());
	}

	static String letterPath(String trackingNumber) {
		return "letters/" + Slugs.of(trackingNumber) + ".html";
	}

	private static List<Entry> newestFirst(List<Entry> ascending) {
		List<Entry> reversed = new ArrayList<>(ascending);
		java.util.Collections.reverse(reversed);
		return reversed;
	}

	private static List<LetterSummary> summaries(List<Entry> entries) {
		return entries.stream().map(Entry::summary).toList();
	}

	private static byte[] html(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] resource(String name) {
		try (InputStream in = SiteGenerator.class.getClassLoader().getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("Missing resource " + name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static boolean exists(Path path) {
		return Files.exists(path);
	}

}
