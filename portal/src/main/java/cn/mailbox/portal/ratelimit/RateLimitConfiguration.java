package cn.mailbox.portal.ratelimit;

import java.util.List;

import cn.mailbox.portal.web.ClientAddress;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.result.view.ViewResolver;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rate limits and the submission gate, from {@code portal.rate-limits} and
 * {@code portal.overload}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ RateLimitSettings.class, OverloadSettings.class })
class RateLimitConfiguration {

	/**
	 * In memory by default; in the database with
	 * {@code portal.rate-limits.store=postgresql} (several instances behind one load
	 * balancer). A declared {@link BucketStore} bean replaces both.
	 */
	@Bean
	@ConditionalOnMissingBean(BucketStore.class)
	BucketStore bucketStore(RateLimitSettings settings, ObjectProvider<DatabaseClient> db) {
		return switch (settings.store()) {
			case LOCAL -> new LocalBucketStore(settings.maxBuckets());
			case POSTGRESQL -> new PostgresBucketStore(db.getObject());
		};
	}

	@Bean
	Limiter rateLimiter(BucketStore store, RateLimitSettings settings) {
		List<ClientAddress.Block> exempt = settings.exempt().stream().map(ClientAddress.Block::parse).toList();
		return new Limiter(store, exempt);
	}

	@Bean
	ContactLimiter contactLimiter(Limiter limiter, RateLimitSettings settings) {
		return new ContactLimiter(limiter, settings.submit());
	}

	@Bean
	Rejections rateLimitRejections(MessageSource messages, JsonMapper json,
			ViewResolver thymeleafReactiveViewResolver) {
		return new Rejections(messages, json, thymeleafReactiveViewResolver);
	}

	@Bean
	RateLimitFilter rateLimitFilter(ClientAddress clientAddress, Limiter limiter, RateLimitSettings settings,
			Rejections rejections) {
		return new RateLimitFilter(clientAddress, limiter, settings, rejections);
	}

	@Bean
	SubmissionGate submissionGate(OverloadSettings settings) {
		return new SubmissionGate(settings.maxConcurrentSubmissions(), settings.maxQueuedSubmissions(),
				settings.maxQueueWait(), Schedulers.parallel());
	}

	@Bean
	SubmissionAdmission submissionAdmission(Limiter limiter, RateLimitSettings settings, SubmissionGate gate,
			OverloadSettings overload, Rejections rejections) {
		return new SubmissionAdmission(limiter, settings, gate, overload, rejections);
	}

	@Bean
	SheddingFilter sheddingFilter(SubmissionGate gate, OverloadSettings settings, Rejections rejections) {
		return new SheddingFilter(gate, settings.retryAfter(), rejections);
	}

}
