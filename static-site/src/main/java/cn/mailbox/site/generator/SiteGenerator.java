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
import java.util.TreeSet;
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
 * whole record) and, per list, its letters and planned pages. From it, every file the
 * site should hold is planned with a digest of its inputs; a sync renders only the files
 * whose digest differs from the folder's {@link Manifest}, deletes the ones no longer
 * planned, then commits the manifest with the publication-log cursor. Only the lists an
 * update touches are re-planned, and their pages are cut by content ({@link Chunks}), so
 * a publication rewrites its letter page, the page and index of each list it is on, home,
 * feeds, sitemap and one dump part; a withdrawal shifts no later page. The aggregates
 * (statistics page, combined dumps) follow in a task of their own. A full rebuild renders
 * everything into a new folder and swaps it in; both paths give the same bytes.
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

	/** The model by tracking number (the order of the dumps). */
	private final TreeMap<String, Entry> entries = new TreeMap<>();

	/** The same entries oldest first (the order of every list), kept as they change. */
	private final TreeSet<Entry> byAge = new TreeSet<>(Comparator.comparing(Entry::summary, OLDEST_FIRST));

	private final Sinks.Many<Mono<Void>> work = Sinks.many().unicast().onBackpressureBuffer();

	private Manifest manifest;

	private volatile List<LetterSummary> published = List.of();

	private volatile long cursor = -1;

	private volatile long applied = -1;

	private boolean aggregatePending;

	private volatile Duration lastAggregates = Duration.ZERO;

	/** How long the last plan took (for the debug log of a run's phases). */
	private long planNanos;

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
	 * none (read with the board, so they are as fresh as the board and the source allow)
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

	/**
	 * The publication-log sequence the whole folder reflects, the combined dumps
	 * included, or -1 before {@link #open}.
	 */
	public long cursor() {
		return this.cursor;
	}

	/**
	 * The last log sequence applied: its pages, lists, feeds and dump parts are written;
	 * the combined dumps may follow a moment later (then {@link #cursor()} is behind).
	 */
	long applied() {
		return this.applied;
	}

	/**
	 * Completes after the work queued before it, the combined dumps included; tells how
	 * long the last rewrite of the combined dumps took.
	 */
	Mono<Duration> settled() {
		return serial(Mono.fromCallable(() -> this.lastAggregates));
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
					return sync(position, start, true);
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
				numbers.forEach(this::remove);
				found.forEach(this::put);
				return found.size();
			}).then(Mono.defer(() -> sync(position, start, false)));
		}));
	}

	/**
	 * Takes a new board snapshot and rewrites whatever changed (normally the board page).
	 */
	public Mono<Report> refresh() {
		return serial(Mono.defer(() -> sync(Math.max(0, this.applied), this.clock.instant(), false)));
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
		return Mono.fromRunnable(() -> {
			this.entries.clear();
			this.byAge.clear();
			List.of(this.archive, this.units, this.natures, this.years).forEach(Map::clear);
		})
			.subscribeOn(this.scheduler)
			.thenMany(this.records.all().publishOn(this.scheduler, FETCH))
			.doOnNext(this::put)
			.then();
	}

	/**
	 * The letters of one list (the archive, a unit, nature or year) oldest first, and its
	 * planned pages, kept until a letter joins or leaves it: an update re-plans only the
	 * lists it touches.
	 */
	private static final class ListGroup {

		final String kind;

		final String code;

		final String dir;

		final TreeSet<Entry> items = new TreeSet<>(Comparator.comparing(Entry::summary, OLDEST_FIRST));

		List<Job> jobs;

		List<String> html;

		ListGroup(String kind, String code, String dir) {
			this.kind = kind;
			this.code = code;
			this.dir = dir;
		}

	}

	private final TreeMap<String, ListGroup> archive = new TreeMap<>();

	private final TreeMap<String, ListGroup> units = new TreeMap<>();

	private final TreeMap<String, ListGroup> natures = new TreeMap<>();

	private final TreeMap<String, ListGroup> years = new TreeMap<>();

	/** Adds the entry to, or removes it from, every list it is on. */
	private void index(Entry entry, boolean add) {
		group(this.archive, "archive", "", entry, add);
		for (String unit : entry.summary().units()) {
			group(this.units, "unit", unit, entry, add);
		}
		group(this.natures, "nature", entry.summary().nature(), entry, add);
		group(this.years, "year", entry.year(), entry, add);
	}

	private static void group(TreeMap<String, ListGroup> groups, String kind, String code, Entry entry, boolean add) {
		ListGroup group = groups.get(code);
		if (group == null) {
			if (!add) {
				return;
			}
			group = new ListGroup(kind, "archive".equals(kind) ? null : code,
					"archive".equals(kind) ? "archive" : kind + "s/" + Slugs.of(code));
			groups.put(code, group);
		}
		if (add ? group.items.add(entry) : group.items.remove(entry)) {
			group.jobs = null;
			group.html = null;
		}
		if (group.items.isEmpty() && !"archive".equals(kind)) {
			groups.remove(code);
		}
	}

	private void put(PublicRecord record) {
		long hash = new Digest().add(record.toString()).value();
		Entry entry = new Entry(LetterSummary.of(record), hash, Chunks.mark(record.trackingNumber()),
				new LetterJob(letterPath(record.trackingNumber()), hash, record.trackingNumber()),
				String.valueOf(record.receivedAt().atZone(this.settings.zone()).getYear()));
		Entry old = this.entries.put(record.trackingNumber(), entry);
		if (old != null) {
			this.byAge.remove(old);
			index(old, false);
		}
		this.byAge.add(entry);
		index(entry, true);
	}

	private void remove(String trackingNumber) {
		Entry old = this.entries.remove(trackingNumber);
		if (old != null) {
			this.byAge.remove(old);
			index(old, false);
		}
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
			.doOnNext((list) -> this.counts = HandlingCounts.of(list, this.handling.minimumRatings()))
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
				Plan plan = plan(snapshot, true);
				Manifest empty = new Manifest(0, this.pages.fingerprint(), Map.of());
				return execute(folder, plan, empty, position, progress, true).publishOn(this.scheduler)
					.map((report) -> {
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

	private Mono<Report> sync(long position, Instant start, boolean combineNow) {
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
				long begin = System.nanoTime();
				Plan plan = plan(snapshot.orElse(null), combineNow);
				this.planNanos = System.nanoTime() - begin;
				return execute(folder, plan, this.manifest, position, null, combineNow)
					.map((report) -> finish(report, start));
			});
	}

	private Report finish(Report report, Instant start) {
		this.applied = report.cursor();
		if (!this.aggregatePending) {
			this.cursor = report.cursor();
		}
		this.published = this.byAge.stream().map(Entry::summary).toList();
		return new Report(report.written(), report.deleted(), report.files(), report.letters(), report.cursor(),
				Duration.between(start, this.clock.instant()), report.dumps());
	}

	/**
	 * Writes what differs from the manifest into the folder, deletes what is no longer
	 * planned, then commits the manifest with the cursor. The order keeps every link of
	 * the folder working at every moment: letter pages and dump parts first, then the
	 * files new to the folder, then the changed ones that may link to them, then
	 * deletions (the files nothing links to any more). With {@code aggregatesNow} false
	 * the aggregates (statistics page, combined dumps) are left to a task queued after
	 * this one, so a publication does not wait for them.
	 */
	private Mono<Report> execute(Path folder, Plan plan, Manifest manifest, long position, Progress progress,
			boolean aggregatesNow) {
		long[] phases = new long[6];
		phases[0] = System.nanoTime();
		List<FileJob> added = new ArrayList<>();
		List<FileJob> changed = new ArrayList<>();
		List<String> letters = new ArrayList<>();
		List<PartJob> parts = new ArrayList<>();
		List<Job> aggregates = new ArrayList<>();
		for (Job job : plan.jobs()) {
			Long before = manifest.digest(job.path());
			if (before != null && before == job.digest()) {
				continue;
			}
			switch (job) {
				case FileJob file -> ((before == null) ? added : changed).add(file);
				case LetterJob letter -> letters.add(letter.trackingNumber());
				case PartJob part -> parts.add(part);
				case CombinedJob combined -> aggregates.add(combined);
			}
		}
		List<String> removed = manifest.digests()
			.keySet()
			.stream()
			.filter((path) -> !plan.paths().contains(path))
			.toList();
		phases[1] = System.nanoTime();
		long total = added.size() + changed.size() + letters.size() + parts.size() + aggregates.size();
		AtomicLong done = new AtomicLong();
		Runnable step = () -> {
			long now = done.incrementAndGet();
			if (progress != null) {
				progress.update(now, total);
			}
		};
		long[] dumpNanos = new long[1];
		Mono<Void> writeLetters = Flux.fromIterable(partition(letters))
			.concatMap(
					(chunk) -> this.records.findAll(chunk).collectList().publishOn(this.scheduler).doOnNext((found) -> {
						for (PublicRecord record : found) {
							Entry entry = this.entries.get(record.trackingNumber());
							if (entry == null) {
								continue;
							}
							String path = entry.job().path();
							SiteFiles.write(folder, path,
									this.pages.letter(LetterPage.of(record), links(path), SitePages.CHINESE)
										.getBytes(StandardCharsets.UTF_8));
							manifest.put(path, entry.hash());
							step.run();
						}
					}))
			.then();
		Mono<Void> writeParts = Flux.fromIterable(parts)
			.concatMap((part) -> this.records.findAll(part.numbers())
				.collectList()
				.publishOn(this.scheduler)
				.doOnNext((found) -> {
					long begin = System.nanoTime();
					writePart(folder, part.name(), found);
					manifest.put(part.path(), part.digest());
					dumpNanos[0] += System.nanoTime() - begin;
					step.run();
				}))
			.then();
		Mono<Void> writeFiles = Mono.fromRunnable(() -> {
			phases[2] = System.nanoTime();
			for (List<FileJob> list : List.of(added, changed)) {
				for (FileJob file : list) {
					SiteFiles.write(folder, file.path(), file.content().get());
					manifest.put(file.path(), file.digest());
					step.run();
				}
			}
			long begin = System.nanoTime();
			writeAggregates(folder, manifest, aggregates);
			aggregates.forEach((job) -> step.run());
			dumpNanos[0] += System.nanoTime() - begin;
			for (String path : removed) {
				SiteFiles.delete(folder, path);
				manifest.remove(path);
			}
		}).subscribeOn(this.scheduler).then();
		return writeLetters.then(writeParts).then(writeFiles).then(Mono.fromCallable(() -> {
			phases[3] = System.nanoTime();
			manifest.commit(folder, position, aggregatesNow && manifest.forgot());
			this.manifest = manifest;
			phases[4] = System.nanoTime();
			if (log.isDebugEnabled()) {
				log.debug(
						"Site run: plan {} ms, compare {} ms, letters and parts {} ms, other files {} ms, manifest {} ms",
						this.planNanos / 1_000_000, (phases[1] - phases[0]) / 1_000_000,
						(phases[2] - phases[1]) / 1_000_000, (phases[3] - phases[2]) / 1_000_000,
						(phases[4] - phases[3]) / 1_000_000);
			}
			long written = added.size() + changed.size() + letters.size() + 2L * parts.size();
			if (!aggregatesNow && (written > 0 || !removed.isEmpty())) {
				aggregateLater();
			}
			return new Report(written + aggregates.size() * 2L, removed.size(), manifest.size() + 1,
					this.entries.size(), position, Duration.ZERO, Duration.ofNanos(dumpNanos[0]));
		}).subscribeOn(this.scheduler));
	}

	/** Writes the aggregates (statistics page, combined dumps) that changed. */
	private void writeAggregates(Path folder, Manifest manifest, List<Job> jobs) {
		for (Job job : jobs) {
			if (job instanceof FileJob file) {
				SiteFiles.write(folder, file.path(), file.content().get());
			}
			else if (job instanceof CombinedJob combined) {
				OpenData.combine(folder, combined.parts());
			}
			manifest.put(job.path(), job.digest());
		}
	}

	private void writePart(Path folder, String name, List<PublicRecord> found) {
		List<PublicRecord> sorted = new ArrayList<>(found);
		sorted.sort(Comparator.comparing(PublicRecord::trackingNumber));
		try (OpenData dumps = new OpenData(folder, this.settings.zone(), name)) {
			for (PublicRecord record : sorted) {
				if (this.entries.containsKey(record.trackingNumber())) {
					dumps.add(record);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Queues the aggregates after the work already queued (one at a time: a burst of
	 * publications is followed by one rewrite): the statistics page, computed over every
	 * letter, and the combined dumps, concatenated from the parts. Until they are written
	 * {@link #cursor()} stays behind {@link #applied()}.
	 */
	private void aggregateLater() {
		if (this.aggregatePending) {
			return;
		}
		this.aggregatePending = true;
		serial(Mono.fromCallable(() -> {
			long begin = System.nanoTime();
			this.aggregatePending = false;
			Path folder = SiteFiles.current(this.settings.root());
			List<Job> changed = planAggregates().stream()
				.filter((job) -> !Objects.equals(this.manifest.digest(job.path()), job.digest()))
				.toList();
			writeAggregates(folder, this.manifest, changed);
			// A new snapshot after a withdrawal: the journal names the deleted page.
			this.manifest.commit(folder, this.manifest.cursor(), this.manifest.forgot());
			this.cursor = this.applied;
			this.lastAggregates = Duration.ofNanos(System.nanoTime() - begin);
			return this.lastAggregates;
		}).subscribeOn(this.scheduler)).subscribe(
				(took) -> log.debug("Statistics and combined dumps rewritten in {} ms", took.toMillis()),
				(ex) -> log.error("Rewriting the statistics and combined dumps failed; the next update retries", ex));
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
	private sealed interface Job permits FileJob, LetterJob, PartJob, CombinedJob {

		String path();

		long digest();

	}

	private record FileJob(String path, long digest, java.util.function.Supplier<byte[]> content) implements Job {
	}

	private record LetterJob(String path, long digest, String trackingNumber) implements Job {
	}

	/** One part of the dumps; its path is the NDJSON file, the CSV file goes with it. */
	private record PartJob(String path, long digest, String name, List<String> numbers) implements Job {
	}

	/** The combined dumps; its path is the NDJSON file, the CSV file goes with it. */
	private record CombinedJob(String path, long digest, List<String> parts) implements Job {
	}

	private record Plan(List<Job> jobs, Set<String> paths) {
	}

	/**
	 * @param summary the list fields
	 * @param hash digest of the whole record
	 * @param mark the chunking mark of its tracking number ({@link Chunks#mark})
	 */
	private record Entry(LetterSummary summary, long hash, long mark, LetterJob job, String year) {

		String number() {
			return this.summary.trackingNumber();
		}

	}

	/**
	 * Every file of the site with the digest of its inputs; nothing is rendered yet. A
	 * {@code null} board keeps the board page as it is.
	 */
	private Plan plan(BoardSnapshot snapshot, boolean withAggregates) {
		List<Job> jobs = new ArrayList<>(this.entries.size() * 2 + 64);
		List<String> html = new ArrayList<>(1024);
		for (String asset : SitePages.ASSETS) {
			byte[] bytes = this.pages.asset(asset);
			jobs.add(new FileJob("assets/" + asset, new Digest().add(new String(bytes, StandardCharsets.UTF_8)).value(),
					() -> bytes));
		}
		jobs.add(new FileJob(OpenData.SCHEMA, new Digest().add(new String(this.schema, StandardCharsets.UTF_8)).value(),
				() -> this.schema));
		for (Entry entry : this.entries.values()) {
			jobs.add(entry.job());
		}
		// The archive index exists even with no letter: every page links to it.
		this.archive.computeIfAbsent("", (code) -> new ListGroup("archive", null, "archive"));
		for (Map<String, ListGroup> groups : List.of(this.archive, this.units, this.natures, this.years)) {
			for (ListGroup group : groups.values()) {
				if (group.jobs == null) {
					group.jobs = new ArrayList<>();
					group.html = new ArrayList<>();
					planList(group.jobs, group.html, group.kind, group.code, group.dir, new ArrayList<>(group.items));
				}
				jobs.addAll(group.jobs);
				html.addAll(group.html);
			}
		}
		planHome(jobs, html);
		if (withAggregates) {
			planStats(jobs, new ArrayList<>(this.byAge));
		}
		html.add(STATS);
		planBoard(jobs, html, snapshot);
		planFeeds(jobs);
		planNotFound(jobs);
		planSitemap(jobs, html);
		CombinedJob combined = planData(jobs);
		if (withAggregates) {
			jobs.add(combined);
		}
		Set<String> paths = new HashSet<>(jobs.size() * 2 + 1024);
		for (Job job : jobs) {
			paths.add(job.path());
			if (job instanceof PartJob part) {
				paths.add(OpenData.csvPart(part.name()));
			}
		}
		paths.add(combined.path());
		paths.add(OpenData.CSV);
		paths.add(STATS);
		if (snapshot == null) {
			paths.add(BOARD);
		}
		return new Plan(jobs, paths);
	}

	/** The aggregates: the statistics page and the combined dumps. */
	private List<Job> planAggregates() {
		List<Job> jobs = new ArrayList<>();
		planStats(jobs, new ArrayList<>(this.byAge));
		jobs.add(planData(new ArrayList<>()));
		return jobs;
	}

	/**
	 * The dump parts (chunks of the letters by tracking number), their index, and the
	 * combined dumps made of them.
	 */
	private CombinedJob planData(List<Job> jobs) {
		List<Entry> byNumber = new ArrayList<>(this.entries.values());
		List<Chunks.Chunk<Entry>> chunks = Chunks.split(byNumber, Entry::mark, Entry::number, OpenData.PART_SIZE,
				"start");
		List<String> names = new ArrayList<>(chunks.size());
		List<Chunks.Chunk<String>> index = new ArrayList<>(chunks.size());
		Digest all = new Digest();
		Digest listing = new Digest().add(byNumber.size());
		for (Chunks.Chunk<Entry> chunk : chunks) {
			Digest digest = new Digest().add(chunk.name());
			List<String> numbers = new ArrayList<>(chunk.items().size());
			for (Entry entry : chunk.items()) {
				digest.add(entry.hash());
				numbers.add(entry.number());
			}
			jobs.add(new PartJob(OpenData.ndjsonPart(chunk.name()), digest.value(), chunk.name(), numbers));
			names.add(chunk.name());
			index.add(new Chunks.Chunk<>(chunk.name(), numbers));
			all.add(chunk.name()).add(digest.value());
			listing.add(chunk.name()).add(numbers.get(0)).add(numbers.get(numbers.size() - 1)).add(numbers.size());
		}
		long letters = byNumber.size();
		jobs.add(new FileJob(OpenData.INDEX, listing.value(), () -> OpenData.index(index, letters)));
		return new CombinedJob(OpenData.NDJSON, all.value(), names);
	}

	private static final String BOARD = "board/index.html";

	/**
	 * A list's pages ({@link Chunks} over the letters oldest first, each named after its
	 * first boundary letter and labelled with the day of its oldest letter) and its index
	 * (the newest letters, the count, the unit's figures).
	 */
	private void planList(List<Job> jobs, List<String> html, String kind, String code, String dir, List<Entry> items) {
		int size = this.settings.pageSize();
		int count = items.size();
		List<Chunks.Chunk<Entry>> chunks = Chunks.split(items, Entry::mark, Entry::number, size, "oldest");
		int pagesCount = chunks.size();
		String[] files = new String[pagesCount];
		String[] labels = new String[pagesCount];
		for (int p = 0; p < pagesCount; p++) {
			files[p] = chunks.get(p).name() + ".html";
			labels[p] = day(chunks.get(p).items().get(0));
		}
		for (int p = 0; p < pagesCount; p++) {
			String path = dir + "/" + files[p];
			List<Entry> slice = newestFirst(chunks.get(p).items());
			List<PageLink> pager = pager(p, files, labels);
			String newer = (p < pagesCount - 1) ? files[p + 1] : null;
			String older = (p > 0) ? files[p - 1] : null;
			Links links = links(path);
			String feed = "unit".equals(kind) ? links.unitFeed(code) : "archive".equals(kind) ? links.feed() : null;
			ListPage page = new ListPage(kind, code, -1, summaries(slice), null, null, pager, newer, older, List.of(),
					null, null, feed);
			Digest digest = new Digest().add(path).add(kind).add(code);
			slice.forEach((entry) -> digest.add(entry.hash()));
			pager.forEach((link) -> digest.add(link.href()).add(link.label()).add(link.current() ? 1 : 0));
			digest.add(newer).add(older);
			jobs.add(new FileJob(path, digest.value(), () -> html(this.pages.list(page, links, SitePages.CHINESE))));
			html.add(path);
		}
		String path = dir + "/index.html";
		List<Entry> newest = newestFirst(items.subList(Math.max(0, count - size), count));
		List<PageLink> pager = new ArrayList<>();
		pager.add(new PageLink("↑", "index.html", true, -1));
		for (int p = pagesCount - 1; p >= Math.max(0, pagesCount - 5); p--) {
			pager.add(new PageLink(labels[p], files[p], false, -1));
		}
		if (pagesCount > 5) {
			pager.add(new PageLink(labels[0], files[0], false, -1));
		}
		String older = null;
		if (count > size) {
			int position = count - size - 1;
			for (int p = 0, seen = 0; p < pagesCount; seen += chunks.get(p).items().size(), p++) {
				if (position < seen + chunks.get(p).items().size()) {
					older = files[p];
					break;
				}
			}
		}
		Links links = links(path);
		Figures figures = "unit".equals(kind) ? Statistics.unit(code, summaries(items), this.counts) : null;
		String feed = "unit".equals(kind) ? links.unitFeed(code) : "archive".equals(kind) ? links.feed() : null;
		ListPage page = new ListPage(kind, code, count, summaries(newest), null, null, pager, null, older, List.of(),
				null, figures, feed);
		Digest digest = new Digest().add(path).add(kind).add(code).add(count).add(older);
		newest.forEach((entry) -> digest.add(entry.hash()));
		pager.forEach((link) -> digest.add(link.href()).add(link.label()));
		if (figures != null) {
			digest.add(figures.toString());
		}
		jobs.add(new FileJob(path, digest.value(), () -> html(this.pages.list(page, links, SitePages.CHINESE))));
		html.add(path);
	}

	private String day(Entry entry) {
		return entry.summary().receivedAt().atZone(this.settings.zone()).toLocalDate().toString();
	}

	/**
	 * Links around page p (pages oldest first): the index, the two newer and two older
	 * pages, and the oldest page.
	 */
	private static List<PageLink> pager(int p, String[] files, String[] labels) {
		List<PageLink> links = new ArrayList<>();
		links.add(new PageLink("↑", "index.html", false, -1));
		for (int k = Math.min(files.length - 1, p + 2); k >= Math.max(0, p - 2); k--) {
			links.add(new PageLink(labels[k], files[k], k == p, -1));
		}
		if (p - 2 > 0) {
			links.add(new PageLink(labels[0], files[0], false, -1));
		}
		return links;
	}

	private void planHome(List<Job> jobs, List<String> html) {
		String path = "index.html";
		Links links = links(path);
		HomePage page = new HomePage(
				Statistics.overall(this.byAge.stream().map(Entry::summary).toList(), this.counts, this.settings.zone()),
				summaries(newest(this.byAge, NEWEST)), counted(this.units, links::unit),
				counted(this.natures, links::nature), counted(this.years, links::year).reversed());
		jobs.add(new FileJob(path, new Digest().add(page.toString()).value(),
				() -> html(this.pages.home(page, links, SitePages.CHINESE))));
		html.add(path);
	}

	private static List<PageLink> counted(Map<String, ListGroup> groups,
			java.util.function.Function<String, String> href) {
		return groups.entrySet()
			.stream()
			.map((e) -> new PageLink(e.getKey(), href.apply(e.getKey()), false, e.getValue().items.size()))
			.toList();
	}

	/** The last n of a set ordered oldest first, newest first. */
	private static List<Entry> newest(TreeSet<Entry> items, int n) {
		List<Entry> newest = new ArrayList<>(n);
		for (java.util.Iterator<Entry> it = items.descendingIterator(); it.hasNext() && newest.size() < n;) {
			newest.add(it.next());
		}
		return newest;
	}

	private static final String STATS = "stats/index.html";

	private void planStats(List<Job> jobs, List<Entry> sorted) {
		String path = STATS;
		Links links = links(path);
		var page = Statistics.page(summaries(sorted), this.counts, this.settings.zone(), links,
				(key, args) -> this.pages.message(key, SitePages.CHINESE, args));
		jobs.add(new FileJob(path, new Digest().add(page.toString()).value(),
				() -> html(this.pages.stats(page, links, SitePages.CHINESE))));
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

	private void planFeeds(List<Job> jobs) {
		String name = this.pages.message("site.name", SitePages.CHINESE, null);
		feed(jobs, "feeds/archive.atom", "archive", name, "../", this.byAge);
		this.units.forEach((unit, group) -> feed(jobs, "feeds/units/" + Slugs.of(unit) + ".atom", "unit:" + unit,
				name + " · " + unit, "../../", group.items));
	}

	private void feed(List<Job> jobs, String path, String id, String title, String root, TreeSet<Entry> items) {
		List<Entry> newest = newest(items, AtomFeed.ENTRIES);
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

	/**
	 * One {@code sitemap.xml} up to 50,000 URLs; above, a sitemap index of the letters in
	 * chunks cut by content (so a publication changes one of them) and of the other
	 * pages.
	 */
	private void planSitemap(List<Job> jobs, List<String> pages) {
		String base = (this.settings.baseUrl() != null) ? this.settings.baseUrl() + "/" : "";
		if (this.entries.size() + pages.size() <= SITEMAP_URLS) {
			List<String> all = new ArrayList<>(pages);
			this.entries.values().forEach((entry) -> all.add(entry.job().path()));
			all.sort(null);
			jobs.add(urlset("sitemap.xml", base, all));
		}
		else {
			List<String> files = new ArrayList<>();
			for (Chunks.Chunk<Entry> chunk : Chunks.split(new ArrayList<>(this.entries.values()), Entry::mark,
					Entry::number, SITEMAP_URLS / 4, "start")) {
				String path = "sitemaps/letters-" + chunk.name() + ".xml";
				jobs.add(urlset(path, base, chunk.items().stream().map((entry) -> entry.job().path()).toList()));
				files.add(path);
			}
			List<String> sorted = pages.stream().sorted().toList();
			for (int i = 0, n = 1; i < sorted.size(); i += SITEMAP_URLS, n++) {
				String path = "sitemaps/pages-" + n + ".xml";
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
