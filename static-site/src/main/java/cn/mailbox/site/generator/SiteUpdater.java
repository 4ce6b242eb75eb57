package cn.mailbox.site.generator;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps the static site in step with the publication log: a consumer of the outbox with
 * its own cursor (kept in the site folder's manifest, so folder and cursor always agree).
 * At start it opens the site (full build when there is none); then every poll interval it
 * reads the entries after its cursor and has the generator rewrite what they affect, and
 * every board interval it takes a new snapshot of the open-letters board. One run at a
 * time; a failed run is retried at the next tick.
 */
public final class SiteUpdater implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SiteUpdater.class);

	private final SiteGenerator generator;

	private final PublicationLog publicationLog;

	private final Duration pollInterval;

	private final Duration boardInterval;

	private final AtomicBoolean busy = new AtomicBoolean();

	private final AtomicBoolean opened = new AtomicBoolean();

	private final Disposable.Composite running = Disposables.composite();

	public SiteUpdater(SiteGenerator generator, PublicationLog publicationLog, Duration pollInterval,
			Duration boardInterval) {
		this.generator = Objects.requireNonNull(generator, "generator");
		this.publicationLog = Objects.requireNonNull(publicationLog, "publicationLog");
		this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
		this.boardInterval = Objects.requireNonNull(boardInterval, "boardInterval");
	}

	/** Opens the site, then follows the log. Calling it again does nothing. */
	public void start() {
		if (!this.running.isDisposed() && this.running.size() > 0) {
			return;
		}
		this.running.add(Flux.interval(Duration.ZERO, this.pollInterval).subscribe((tick) -> catchUp()));
		this.running.add(Flux.interval(this.boardInterval, this.boardInterval).subscribe((tick) -> refreshBoard()));
	}

	/**
	 * Completes once the site reflects every log entry up to the sequence.
	 * @param sequence a publication-log sequence
	 */
	public Mono<Void> awaitGenerated(long sequence) {
		return Flux.interval(Duration.ZERO, Duration.ofMillis(50))
			.filter((tick) -> this.generator.cursor() >= sequence)
			.next()
			.then();
	}

	/** Applies the log entries after the cursor, if not already running. */
	void catchUp() {
		if (!this.busy.compareAndSet(false, true)) {
			return;
		}
		run().doFinally((signal) -> this.busy.set(false)).subscribe((report) -> {
			if (report.written() > 0 || report.deleted() > 0) {
				log.debug("Static site at log sequence {}: {} files written, {} deleted in {} ms", report.cursor(),
						report.written(), report.deleted(), report.took().toMillis());
			}
		}, (ex) -> log.error("Updating the static site failed; retrying at the next tick", ex));
	}

	private Mono<SiteGenerator.Report> run() {
		return this.publicationLog.position().flatMap((position) -> {
			if (this.opened.compareAndSet(false, true)) {
				return this.generator.open(position).doOnError((ex) -> this.opened.set(false));
			}
			long cursor = this.generator.applied();
			if (position <= cursor) {
				return Mono.empty();
			}
			return this.publicationLog.between(cursor, position)
				.map(PublicationLog.Change::trackingNumber)
				.collect(LinkedHashSet<String>::new, Set::add)
				.flatMap((numbers) -> this.generator.apply(position, numbers));
		});
	}

	private void refreshBoard() {
		if (this.opened.get() && this.busy.compareAndSet(false, true)) {
			this.generator.refresh().doFinally((signal) -> this.busy.set(false)).subscribe((report) -> {
			}, (ex) -> log.warn("Refreshing the static board failed", ex));
		}
	}

	@Override
	public void close() {
		this.running.dispose();
	}

}
