package cn.mailbox.publication.indexing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the search indexer ({@code publication.indexer.*}).
 *
 * @param pollInterval how often the indexer looks at the publication log without being
 * notified (default 2 s); notifications normally wake it at once
 * @param listen whether to LISTEN for the log's notifications (default true)
 */
@ConfigurationProperties("publication.indexer")
record IndexerSettings(Duration pollInterval, Boolean listen) {

	IndexerSettings {
		pollInterval = (pollInterval != null) ? pollInterval : Duration.ofSeconds(2);
		if (pollInterval.isNegative() || pollInterval.isZero()) {
			throw new IllegalArgumentException("publication.indexer.poll-interval must be positive");
		}
		listen = (listen != null) ? listen : Boolean.TRUE;
	}

}
