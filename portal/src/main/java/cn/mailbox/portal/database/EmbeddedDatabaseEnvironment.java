package cn.mailbox.portal.database;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Decides where the database is before any bean needs it. With {@code spring.r2dbc.url}
 * set, the portal uses that server (and derives Flyway's JDBC URL from it unless given);
 * otherwise it starts the {@link EmbeddedPostgres} under
 * {@code <portal.data-dir>/postgres} and points R2DBC and Flyway at it.
 *
 * <p>
 * It runs after the configuration files and command line are read, so
 * {@code --portal.data-dir} and every override work. One server per data folder and JVM:
 * contexts that come and go (tests) share it, and it stops once the application shuts
 * down.
 */
class EmbeddedDatabaseEnvironment implements EnvironmentPostProcessor, Ordered {

	private static final Map<Path, EmbeddedPostgres> servers = new ConcurrentHashMap<>();

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> properties = new LinkedHashMap<>();
		String r2dbcUrl = environment.getProperty("spring.r2dbc.url");
		if (StringUtils.hasText(r2dbcUrl)) {
			if (!StringUtils.hasText(environment.getProperty("spring.flyway.url"))) {
				properties.put("spring.flyway.url", r2dbcUrl.replaceFirst("^r2dbc:(pool:)?", "jdbc:"));
				properties.put("spring.flyway.user", environment.getProperty("spring.r2dbc.username", ""));
				properties.put("spring.flyway.password", environment.getProperty("spring.r2dbc.password", ""));
			}
		}
		else if (environment.getProperty("portal.embedded-db.enabled", Boolean.class, true)) {
			Path dataDir = Path.of(environment.getProperty("portal.data-dir", "./data"));
			EmbeddedPostgres server = servers.computeIfAbsent(dataDir.toAbsolutePath().normalize(),
					(dir) -> startAndStopOnExit(dir.resolve("postgres")));
			String host = "127.0.0.1:" + server.port() + "/" + server.database();
			properties.put("spring.r2dbc.url", "r2dbc:postgresql://" + host);
			properties.put("spring.r2dbc.username", server.user());
			properties.put("spring.r2dbc.password", server.password());
			properties.put("spring.flyway.url", "jdbc:postgresql://" + host);
			properties.put("spring.flyway.user", server.user());
			properties.put("spring.flyway.password", server.password());
		}
		if (!properties.isEmpty()) {
			environment.getPropertySources().addFirst(new MapPropertySource("portalDatabase", properties));
		}
	}

	private static EmbeddedPostgres startAndStopOnExit(Path root) {
		EmbeddedPostgres server = EmbeddedPostgres.start(root);
		// After Spring's own shutdown hook has closed the contexts, the server waits for
		// the pool to
		// disconnect ("smart" stop) before it goes, so no request in flight loses its
		// connection.
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "embedded-postgres-stop"));
		return server;
	}

}
