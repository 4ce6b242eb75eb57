package cn.mailbox.portal.screening;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import cn.mailbox.moderation.letter.LetterRegistry;
import cn.mailbox.moderation.letter.LetterText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;

/**
 * The screens as beans, with the shipped model and word lists. The near-duplicate index
 * lives in memory and is rebuilt at start-up from the signatures stored with recent
 * letters.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DuplicateSettings.class)
class ScreeningConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ScreeningConfiguration.class);

	private static final int REBUILD_BATCH = 500;

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
			AtomicLong resigned = new AtomicLong();
			Long loaded = registry.signaturesSince(clock.instant().minus(window), settings.maxLetters())
				.buffer(REBUILD_BATCH)
				.concatMap((stored) -> currentSignatures(stored, index, registry, resigned))
				.doOnNext(index::add)
				.count()
				.block();
			log.info("Near-duplicate index rebuilt from {} stored signatures ({} signed again from their text)", loaded,
					resigned.get());
		};
	}

	/**
	 * The stored signatures in their order, those of an earlier MinHash scheme signed
	 * again from their letters' text (one query per batch), so letters received before an
	 * upgrade still catch near-duplicates. What was signed again is written back: without
	 * that, every start-up would sign the same letters again, for as long as they stay in
	 * the window.
	 */
	private static Flux<DuplicateSignature> currentSignatures(List<byte[]> stored, DuplicateIndex index,
			LetterRegistry registry, AtomicLong resigned) {
		List<DuplicateSignature> signatures = stored.stream().map(DuplicateSignature::fromBytes).toList();
		List<Long> stale = new ArrayList<>();
		for (int i = 0; i < stored.size(); i++) {
			if (!DuplicateSignature.currentScheme(stored.get(i))) {
				stale.add(signatures.get(i).letterId());
			}
		}
		if (stale.isEmpty()) {
			return Flux.fromIterable(signatures);
		}
		resigned.addAndGet(stale.size());
		return registry.texts(stale).collectMap(LetterText::letterId).flatMapMany((texts) -> {
			List<DuplicateSignature> current = signatures.stream()
				.map((signature) -> signedAgain(signature, texts.get(signature.letterId()), index))
				.toList();
			Map<Long, byte[]> signedAgain = new LinkedHashMap<>();
			for (DuplicateSignature signature : current) {
				if (texts.containsKey(signature.letterId())) {
					signedAgain.put(signature.letterId(), signature.toBytes());
				}
			}
			return registry.replaceSignatures(signedAgain).thenMany(Flux.fromIterable(current));
		});
	}

	/** The signature from the letter's text when it was read again (it is stale). */
	private static DuplicateSignature signedAgain(DuplicateSignature signature, LetterText text, DuplicateIndex index) {
		return (text != null) ? index.sign(signature.letterId(), signature.receivedAt(), signature.senderKey(),
				text.title(), text.body()) : signature;
	}

}
