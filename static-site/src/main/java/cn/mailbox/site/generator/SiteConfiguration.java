package cn.mailbox.site.generator;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

import cn.mailbox.publication.PublicArchive;
import cn.mailbox.site.pages.BoardSource;
import cn.mailbox.site.pages.HandlingSource;
import cn.mailbox.site.pages.SitePages;

/**
 * The static site under {@code <portal.data-dir>/site}: the renderer (shared with the
 * live pages), the generator on its own single thread, and the updater that follows the
 * publication log from the moment the application is ready. With {@code --site.rebuild}
 * the application rebuilds the whole site with a progress bar, prints the count, and
 * exits instead.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SiteProperties.class)
class SiteConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SiteConfiguration.class);

	@Bean
	SitePages sitePages(SiteProperties properties) {
		return SitePages.create(properties.zone());
	}

	/**
	 * The generator's own thread (file I/O), wrapped so that it is no {@code Scheduler}
	 * bean other code could be handed by type.
	 */
	@Bean(destroyMethod = "close")
	SiteThread siteThread() {
		return new SiteThread(Schedulers.newBoundedElastic(1, 100_000, "static-site"));
	}

	record SiteThread(Scheduler scheduler) implements AutoCloseable {

		@Override
		public void close() {
			this.scheduler.dispose();
		}

	}

	@Bean
	SiteGenerator siteGenerator(SiteProperties properties, SitePages pages, PublicArchive archive,
			ObjectProvider<BoardSource> board, ObjectProvider<HandlingSource> handling, ObjectProvider<Clock> clock,
			SiteThread siteThread, @Value("${portal.data-dir:./data}") String dataDir) {
		SiteSettings settings = new SiteSettings(Path.of(dataDir).resolve("site"), properties.searchApi(),
				properties.baseUrl(), properties.zone(), properties.pageSize());
		return new SiteGenerator(settings, pages, PublicRecords.of(archive), board.getIfAvailable(),
				handling.getIfAvailable(), clock.getIfAvailable(Clock::systemUTC), siteThread.scheduler());
	}

	@Bean(destroyMethod = "close")
	SiteUpdater siteUpdater(SiteGenerator generator, DatabaseClient db, SiteProperties properties) {
		return new SiteUpdater(generator, PublicationLog.of(db), properties.pollInterval(), properties.boardInterval());
	}

	@Bean
	ApplicationListener<ApplicationReadyEvent> siteStart(SiteProperties properties, SiteUpdater updater,
			SiteGenerator generator, DatabaseClient db) {
		return (event) -> {
			if (properties.rebuild()) {
				rebuild(event.getApplicationContext(), generator, db);
			}
			else if (properties.enabled()) {
				updater.start();
			}
		};
	}

	/** The rebuild command: runs on the main thread, which may block. */
	private static void rebuild(ConfigurableApplicationContext context, SiteGenerator generator, DatabaseClient db) {
		int code = 0;
		try {
			long position = PublicationLog.of(db).position().block(Duration.ofMinutes(1));
			System.out
				.println("Rebuilding the static site in " + generator.root() + " (log sequence " + position + ")");
			SiteGenerator.Report report = generator.rebuild(position, new ProgressBar(System.out)).block();
			System.out.printf("Site rebuilt: %d letters, %d files written in %.1f s (%.0f files/s)%n", report.letters(),
					report.written(), report.took().toMillis() / 1000.0,
					report.written() * 1000.0 / Math.max(1, report.took().toMillis()));
		}
		catch (RuntimeException ex) {
			log.error("Rebuilding the static site failed", ex);
			code = 1;
		}
		int exit = code;
		System.exit(SpringApplication.exit(context, () -> exit));
	}

}
