package cn.mailbox.moderation.routing;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Wires suggested routing: the private index under {@code <portal.data-dir>/routing} (a
 * directory of its own, never the public archive's), a small bounded scheduler for
 * Lucene, and a rebuild from the letters table once the application is ready.
 */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

	private static final Log logger = LogFactory.getLog(RoutingConfiguration.class);

	@Bean(destroyMethod = "close")
	RoutingIndex routingIndex(@Value("${portal.data-dir:./data}") String dataDir) {
		return RoutingIndex.open(Path.of(dataDir).resolve("routing"));
	}

	@Bean(destroyMethod = "dispose")
	Scheduler routingScheduler() {
		return Schedulers.newBoundedElastic(2, 1000, "routing");
	}

	@Bean
	RoutingSuggestions routingSuggestions(RoutingIndex routingIndex, Scheduler routingScheduler) {
		return new RoutingSuggestions(routingIndex, routingScheduler);
	}

	@Bean
	RoutingRebuild routingRebuild(RoutingSuggestions routingSuggestions, DatabaseClient database) {
		return new RoutingRebuild(routingSuggestions, database);
	}

	/** Rebuilds the index from every letter that has been assigned to a unit. */
	static final class RoutingRebuild {

		private final RoutingSuggestions suggestions;

		private final DatabaseClient database;

		RoutingRebuild(RoutingSuggestions suggestions, DatabaseClient database) {
			this.suggestions = suggestions;
			this.database = database;
		}

		@EventListener(ApplicationReadyEvent.class)
		void rebuild() {
			this.suggestions
				.rebuild(this.database
					.sql("select tracking_number, title, body, assigned_units from letters "
							+ "where cardinality(assigned_units) > 0 order by id")
					.map((row) -> new RoutingSuggestions.PastLetter(row.get("tracking_number", String.class),
							row.get("title", String.class), row.get("body", String.class),
							units(row.get("assigned_units", String[].class))))
					.all())
				.subscribe((count) -> logger.info("Routing index rebuilt from " + count + " assigned letters"),
						(error) -> logger.warn("Routing index rebuild failed; suggestions stay empty", error));
		}

		private static List<String> units(String[] units) {
			return (units != null) ? Arrays.asList(units) : List.of();
		}

	}

}
