package cn.mailbox.portal;

import java.time.Instant;
import java.util.List;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Staff accounts whose passwords are cheap to check. HTTP Basic checks the bcrypt hash on
 * every request; at the default cost that is most of a second on the shared test machine,
 * too slow for tests that send hundreds of staff requests. A cost-4 hash (the minimum) is
 * still a real bcrypt hash checked by the real encoder.
 */
public final class StaffFixtures {

	private static final BCryptPasswordEncoder CHEAP = new BCryptPasswordEncoder(4);

	private StaffFixtures() {
	}

	/** Creates (or replaces) an account directly in the database with a cheap hash. */
	public static void account(DatabaseClient db, String username, String password, List<String> roles, String unit) {
		var insert = db.sql("""
				insert into staff_users (username, password_hash, roles, unit_code, created_at)
				values (:username, :hash, :roles, :unit, :at)
				on conflict (username) do update set password_hash = excluded.password_hash, roles = excluded.roles,
				    unit_code = excluded.unit_code""")
			.bind("username", username)
			.bind("hash", "{bcrypt}" + CHEAP.encode(password))
			.bind("roles", roles.toArray(String[]::new))
			.bind("at", Instant.now());
		insert = (unit != null) ? insert.bind("unit", unit) : insert.bindNull("unit", String.class);
		insert.then().block();
	}

	/** Replaces an existing account's hash by a cheap one of the same password. */
	public static void cheapen(DatabaseClient db, String username, String password) {
		db.sql("update staff_users set password_hash = :hash where username = :username")
			.bind("hash", "{bcrypt}" + CHEAP.encode(password))
			.bind("username", username)
			.then()
			.block();
	}

}
