package cn.mailbox.publication;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import cn.mailbox.search.ArchiveIndex;

/** The publisher and the archive reader as beans, on the application's database. */
@Configuration(proxyBeanMethods = false)
class PublicationConfiguration {

	@Bean
	Publisher publisher(DatabaseClient db, ReactiveTransactionManager transactions, ObjectProvider<Clock> clock) {
		return new Publisher(db, TransactionalOperator.create(transactions), clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	PublicArchive publicArchive(DatabaseClient db) {
		return new PublicArchive(db, ArchiveIndex.DEFAULT_ZONE);
	}

}
