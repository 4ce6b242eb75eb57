package cn.mailbox.site.generator;

import java.util.Collection;
import java.util.Objects;

import reactor.core.publisher.Flux;

import cn.mailbox.publication.PublicArchive;
import cn.mailbox.publication.PublicRecord;

/**
 * What the static site reads: public records and nothing else. A leak of private data
 * into the site is impossible by construction, since no other type reaches the generator.
 */
public interface PublicRecords {

	/** Every published record, by tracking number, streamed. */
	Flux<PublicRecord> all();

	/** The published records among these numbers (withdrawn ones are absent). */
	Flux<PublicRecord> findAll(Collection<String> trackingNumbers);

	static PublicRecords of(PublicArchive archive) {
		Objects.requireNonNull(archive, "archive");
		return new PublicRecords() {

			@Override
			public Flux<PublicRecord> all() {
				return archive.all();
			}

			@Override
			public Flux<PublicRecord> findAll(Collection<String> trackingNumbers) {
				return archive.findAll(trackingNumbers);
			}

		};
	}

}
