package cn.mailbox.publication.indexing;

import java.nio.file.Path;

import io.r2dbc.spi.ConnectionFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

import cn.mailbox.publication.PublicArchive;
import cn.mailbox.search.ArchiveIndex;
import cn.mailbox.search.ReactiveArchive;

/**
 * The Lucene index under {@code <portal.data-dir>/index} and the indexer that feeds it
 * from the publication log. The index is opened at start-up (on the main thread, never
 * inside a request); the indexer starts when the application is ready and stops before
 * the index closes (it depends on it, so Spring destroys it first).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IndexerSettings.class)
class IndexingConfiguration {

	@Bean(destroyMethod = "close")
	ArchiveIndex archiveIndex(@Value("${portal.data-dir:./data}") String dataDir) {
		return ArchiveIndex.open(Path.of(dataDir).resolve("index"));
	}

	@Bean(destroyMethod = "close")
	ReactiveArchive reactiveArchive(ArchiveIndex index) {
		return ReactiveArchive.create(index);
	}

	@Bean(destroyMethod = "close")
	ArchiveIndexer archiveIndexer(ReactiveArchive archive, DatabaseClient db, PublicArchive publicArchive,
			ConnectionFactory connections, IndexerSettings settings) {
		return new ArchiveIndexer(archive, db, publicArchive, settings.listen() ? connections : null,
				settings.pollInterval());
	}

	@Bean
	ApplicationListener<ApplicationReadyEvent> archiveIndexerStart(ArchiveIndexer indexer) {
		return (event) -> indexer.start();
	}

}
