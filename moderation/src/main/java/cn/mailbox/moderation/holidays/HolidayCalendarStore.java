package cn.mailbox.moderation.holidays;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import cn.mailbox.moderation.calendar.HolidayYear;
import cn.mailbox.moderation.calendar.WorkingDayCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Holiday notices loaded by administrators: stored in {@code holiday_calendar_years} and
 * applied to the shared {@link WorkingDayCalendar}, so deadlines computed afterwards use
 * them. At start-up every stored year is applied over the bundled ones (before the portal
 * serves a request); afterwards each instance re-reads the rows loaded since it last
 * looked, every {@code moderation.calendar.refresh-interval}, so a year loaded through
 * one instance reaches the others.
 */
@Component
public class HolidayCalendarStore implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(HolidayCalendarStore.class);

	private final DatabaseClient db;

	private final WorkingDayCalendar calendar;

	private final Clock clock;

	/** The newest {@code loaded_at} applied here. */
	private final AtomicReference<Instant> seen = new AtomicReference<>(Instant.EPOCH);

	HolidayCalendarStore(DatabaseClient db, WorkingDayCalendar calendar, Clock clock) {
		this.db = db;
		this.calendar = calendar;
		this.clock = clock;
	}

	/**
	 * Checks, stores and applies the notice for {@code year}.
	 * @param year the year the administrator named (must match the document's)
	 * @param document a holiday-cn JSON document
	 * @param loadedBy the administrator's user name, for the record
	 * @return the applied year, or an error {@link CalendarRejected} with every problem
	 */
	public Mono<LoadedYear> load(int year, byte[] document, String loadedBy) {
		return Mono.defer(() -> {
			List<CalendarViolation> violations = HolidayNoticeCheck.check(year, document);
			if (!violations.isEmpty()) {
				return Mono.error(new CalendarRejected(violations));
			}
			HolidayYear notice = parse(document);
			Instant at = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
			return this.db.sql("""
					insert into holiday_calendar_years (year, notice, loaded_at, loaded_by)
					values (:year, cast(:notice as jsonb), :at, :by)
					on conflict (year) do update set notice = excluded.notice, loaded_at = excluded.loaded_at,
					    loaded_by = excluded.loaded_by""")
				.bind("year", year)
				.bind("notice", new String(document, StandardCharsets.UTF_8))
				.bind("at", at)
				.bind("by", loadedBy)
				.then()
				.then(Mono.fromSupplier(() -> {
					this.calendar.replaceYear(notice);
					return new LoadedYear(year, notice.days().size(), workingDays(year), at);
				}));
		});
	}

	/**
	 * Applies every stored notice to {@code target}; answers how many. At start-up on the
	 * shared calendar, and usable on any other.
	 */
	public Mono<Integer> restoreInto(WorkingDayCalendar target) {
		return storedSince(Instant.EPOCH).doOnNext((stored) -> target.replaceYear(stored.notice()))
			.count()
			.map(Long::intValue);
	}

	@Override
	public void afterSingletonsInstantiated() {
		// Start-up, on the main thread: the stored years must be in place before the
		// first deadline is computed.
		Integer applied = refresh().block(Duration.ofMinutes(1));
		if (applied != null && applied > 0) {
			log.info("Applied {} holiday notice(s) loaded by administrators", applied);
		}
	}

	/** Applies the notices loaded (by any instance) since this instance last looked. */
	@Scheduled(initialDelayString = "${moderation.calendar.refresh-interval:5m}",
			fixedDelayString = "${moderation.calendar.refresh-interval:5m}")
	public Mono<Integer> refresh() {
		return storedSince(this.seen.get()).doOnNext((stored) -> {
			this.calendar.replaceYear(stored.notice());
			this.seen.accumulateAndGet(stored.loadedAt(), (a, b) -> a.isAfter(b) ? a : b);
		}).count().map(Long::intValue);
	}

	private Flux<StoredYear> storedSince(Instant after) {
		return this.db.sql("""
				select notice::text as notice, loaded_at from holiday_calendar_years
				where loaded_at > :after order by loaded_at""")
			.bind("after", after)
			.map((row) -> new StoredYear(parse(row.get("notice", String.class).getBytes(StandardCharsets.UTF_8)),
					row.get("loaded_at", Instant.class)))
			.all();
	}

	private int workingDays(int year) {
		return this.calendar.workingDaysBetween(LocalDate.of(year - 1, 12, 31), LocalDate.of(year, 12, 31));
	}

	private static HolidayYear parse(byte[] document) {
		try {
			return HolidayYear.parse(new ByteArrayInputStream(document));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private record StoredYear(HolidayYear notice, Instant loadedAt) {
	}

	/**
	 * A notice now in force.
	 *
	 * @param year the notice year
	 * @param specialDays how many holidays and make-up working days it lists
	 * @param workingDays the working days of that year under the calendar now
	 * @param loadedAt when it was stored
	 */
	public record LoadedYear(int year, int specialDays, int workingDays, Instant loadedAt) {
	}

}
