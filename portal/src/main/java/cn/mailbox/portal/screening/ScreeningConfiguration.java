package cn.mailbox.portal.screening;

import java.time.Clock;
import java.time.Duration;

import cn.mailbox.moderation.letter.LetterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The screens as beans, with the shipped model and word lists. The near-duplicate index
 * lives in memory and is rebuilt at start-up from the signatures stored with recent
 * letters.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DuplicateSettings.class)
class ScreeningConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ScreeningConfiguration.class);

	@Bean
	SpamScreen spamScreen() {
		return SpamScreen.withShippedModel(SpamSettings.DEFAULTS);
	}

	@Bean
	ScopeScreen scopeScreen() {
		return ScopeScreen.withShippedKeywords();
	}

	@Bean
	DuplicateIndex duplicateIndex(DuplicateSettings settings) {
		return new DuplicateIndex(settings);
	}

	@Bean
	ApplicationRunner duplicateIndexRebuild(DuplicateIndex index, DuplicateSettings settings, LetterRegistry registry,
			Clock clock) {
		return (ApplicationArguments args) -> {
			Duration window = settings.window();
			// Start-up on the main thread, before the portal takes letters: waiting here
			// is intended.
			Long loaded = registry.signaturesSince(clock.instant().minus(window), settings.maxLetters())
				.map(DuplicateSignature::fromBytes)
				.doOnNext(index::add)
				.count()
				.block();
			log.info("Near-duplicate index rebuilt from {} stored signatures", loaded);
		};
	}

}
