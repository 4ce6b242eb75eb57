package cn.mailbox.portal.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Staff accounts in PostgreSQL: the user store behind HTTP Basic (and, later, form
 * login).
 */
@Component
class StaffAccounts implements ReactiveUserDetailsService {

	private final DatabaseClient db;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	StaffAccounts(DatabaseClient db, PasswordEncoder passwordEncoder, Clock clock) {
		this.db = db;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
	}

	@Override
	public Mono<UserDetails> findByUsername(String username) {
		return this.db.sql("select username, password_hash, roles, enabled from staff_users where username = :username")
			.bind("username", username)
			.map((row) -> User.withUsername(row.get("username", String.class))
				.password(row.get("password_hash", String.class))
				.roles(Arrays.stream(row.get("roles", String[].class))
					.map((role) -> role.toUpperCase(java.util.Locale.ROOT))
					.toArray(String[]::new))
				.disabled(!Boolean.TRUE.equals(row.get("enabled", Boolean.class)))
				.build())
			.one();
	}

	Mono<Long> count() {
		return this.db.sql("select count(*) as n from staff_users").map((row) -> row.get("n", Long.class)).one();
	}

	/**
	 * Creates the account unless the user name is taken; answers whether it was created.
	 */
	Mono<Boolean> create(String username, String rawPassword, List<String> roles, String unitCode) {
		// bcrypt is deliberately slow CPU work: never on an event-loop thread.
		return Mono.fromCallable(() -> this.passwordEncoder.encode(rawPassword))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((hash) -> insert(username, hash, roles, unitCode));
	}

	private Mono<Boolean> insert(String username, String passwordHash, List<String> roles, String unitCode) {
		var spec = this.db.sql("""
				insert into staff_users (username, password_hash, roles, unit_code, created_at)
				values (:username, :hash, :roles, :unit, :at) on conflict (username) do nothing""")
			.bind("username", username)
			.bind("hash", passwordHash)
			.bind("roles", roles.toArray(String[]::new))
			.bind("at", Instant.now(this.clock));
		spec = (unitCode != null) ? spec.bind("unit", unitCode) : spec.bindNull("unit", String.class);
		return spec.fetch().rowsUpdated().map((rows) -> rows > 0);
	}

}
