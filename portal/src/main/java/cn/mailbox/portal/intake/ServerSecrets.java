package cn.mailbox.portal.intake;

import java.security.SecureRandom;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Secrets the portal makes for itself on first use and keeps in the database, so that
 * every instance on the same database agrees on them and a restart does not change them.
 */
@Component
class ServerSecrets {

	private final Mono<byte[]> accessCodeKey;

	ServerSecrets(DatabaseClient db) {
		this.accessCodeKey = loadOrCreate(db, "access-code-key").cache();
	}

	Mono<byte[]> accessCodeKey() {
		return this.accessCodeKey;
	}

	private static Mono<byte[]> loadOrCreate(DatabaseClient db, String name) {
		byte[] fresh = new byte[32];
		new SecureRandom().nextBytes(fresh);
		// Whoever inserts first wins; everyone then reads the winner's value.
		return db.sql("insert into server_secrets (name, value) values (:name, :value) on conflict (name) do nothing")
			.bind("name", name)
			.bind("value", fresh)
			.then()
			.then(db.sql("select value from server_secrets where name = :name")
				.bind("name", name)
				.map((row) -> row.get("value", byte[].class))
				.one());
	}

}
