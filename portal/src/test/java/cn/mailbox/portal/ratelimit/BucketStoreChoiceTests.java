package cn.mailbox.portal.ratelimit;

import java.util.Map;

import io.r2dbc.spi.ConnectionFactories;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code portal.rate-limits.store} picks the bucket store; local unless told otherwise.
 */
class BucketStoreChoiceTests {

	// Never connects: creating a client opens no connection.
	private final DatabaseClient db = DatabaseClient
		.create(ConnectionFactories.get("r2dbc:postgresql://nobody:unused@127.0.0.1:9/unused"));

	@Test
	void keepsBucketsInMemoryByDefault() {
		assertThat(store(Map.of("portal.rate-limits.exempt", "::1"))).isInstanceOf(LocalBucketStore.class);
	}

	@Test
	void sharesBucketsThroughTheDatabaseWhenConfigured() throws Exception {
		BucketStore store = store(Map.of("portal.rate-limits.store", "postgresql"));
		assertThat(store).isInstanceOf(PostgresBucketStore.class);
		((PostgresBucketStore) store).close();
	}

	@Test
	void refusesAStoreItDoesNotKnow() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> store(Map.of("portal.rate-limits.store", "redis")));
	}

	private BucketStore store(Map<String, String> properties) {
		RateLimitSettings settings = new Binder(new MapConfigurationPropertySource(properties))
			.bindOrCreate("portal.rate-limits", RateLimitSettings.class);
		StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("databaseClient", this.db));
		ObjectProvider<DatabaseClient> provider = beans.getBeanProvider(DatabaseClient.class);
		return new RateLimitConfiguration().bucketStore(settings, provider);
	}

}
