package cn.mailbox.portal.intake;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.scheduler.Schedulers;

/** The submissions' group commit, from {@code portal.intake.group-commit}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GroupCommitSettings.class)
class GroupCommitConfiguration {

	@Bean
	GroupCommit submissionGroupCommit(TransactionalOperator transaction, DatabaseClient db,
			GroupCommitSettings settings) {
		return settings.enabled() ? new GroupCommit(transaction, db, settings.maxBatch(), settings.maxQueued(),
				settings.maxWait(), Schedulers.parallel()) : GroupCommit.transactionPerWrite(transaction, db);
	}

}
