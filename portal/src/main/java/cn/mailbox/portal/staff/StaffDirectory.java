package cn.mailbox.portal.staff;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import cn.mailbox.moderation.workflow.Role;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Units and staff accounts, written the same way whether an administrator uses the API or
 * the console. Callers check that the actor is an administrator; validation happens here,
 * so both paths refuse the same input with the same message.
 */
@Component
public class StaffDirectory {

	private static final Pattern CODE = Pattern.compile("[a-z0-9_\\-]{1,40}");

	private final DatabaseClient db;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	StaffDirectory(DatabaseClient db, PasswordEncoder passwordEncoder, Clock clock) {
		this.db = db;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
	}

	/** Creates or renames a unit; {@link IllegalArgumentException} for invalid input. */
	public Mono<UnitRequest> saveUnit(UnitRequest unit) {
		return Mono.fromSupplier(unit::validated)
			.flatMap((valid) -> this.db.sql("""
					insert into units (code, name, kind, created_at) values (:code, :name, :kind, :at)
					on conflict (code) do update set name = excluded.name, kind = excluded.kind""")
				.bind("code", valid.code())
				.bind("name", valid.name())
				.bind("kind", valid.kind())
				.bind("at", this.clock.instant())
				.then()
				.thenReturn(valid));
	}

	/** Creates an account or resets its password and roles. */
	public Mono<UserCreated> saveUser(UserRequest user) {
		return Mono.fromSupplier(user::validated)
			.flatMap((valid) -> Mono.fromCallable(() -> this.passwordEncoder.encode(valid.password()))
				// bcrypt is slow on purpose: never on an event-loop thread.
				.subscribeOn(Schedulers.boundedElastic())
				.flatMap((hash) -> insertUser(valid, hash)));
	}

	/** Every unit, by code. */
	public Flux<UnitRequest> units() {
		return this.db.sql("select code, name, kind from units order by code")
			.map((row) -> new UnitRequest(row.get("code", String.class), row.get("name", String.class),
					row.get("kind", String.class)))
			.all();
	}

	/** Every account, by name; never the password hash. */
	public Flux<UserCreated> users() {
		return this.db.sql("select username, roles, unit_code from staff_users order by username")
			.map((row) -> new UserCreated(row.get("username", String.class),
					Arrays.asList(row.get("roles", String[].class)), row.get("unit_code", String.class)))
			.all();
	}

	private Mono<UserCreated> insertUser(UserRequest user, String hash) {
		var insert = this.db.sql("""
				insert into staff_users (username, password_hash, roles, unit_code, created_at)
				values (:username, :hash, :roles, :unit, :at)
				on conflict (username) do update set password_hash = excluded.password_hash, roles = excluded.roles,
				    unit_code = excluded.unit_code""")
			.bind("username", user.username())
			.bind("hash", hash)
			.bind("roles", user.roles().toArray(String[]::new))
			.bind("at", this.clock.instant());
		insert = (user.unit() != null) ? insert.bind("unit", user.unit()) : insert.bindNull("unit", String.class);
		return insert.then().thenReturn(new UserCreated(user.username(), List.copyOf(user.roles()), user.unit()));
	}

	public record UnitRequest(String code, String name, String kind) {

		UnitRequest validated() {
			if (this.code == null || !CODE.matcher(this.code).matches()) {
				throw new IllegalArgumentException("code: 1-40 lower-case letters, digits, '_' or '-'");
			}
			if (this.name == null || this.name.isBlank() || this.name.length() > 100) {
				throw new IllegalArgumentException("name: 1-100 characters");
			}
			// PostgreSQL cannot store NUL in text: it answered 500.
			if (this.name.indexOf('\u0000') >= 0) {
				throw new IllegalArgumentException("name: no NUL characters");
			}
			if (this.kind != null
					&& (this.kind.isBlank() || this.kind.length() > 40 || this.kind.indexOf('\u0000') >= 0)) {
				throw new IllegalArgumentException("kind: 1-40 characters");
			}
			return new UnitRequest(this.code, this.name.strip(), (this.kind != null) ? this.kind : "department");
		}

	}

	public record UserRequest(String username, String password, List<String> roles, String unit) {

		/** The JSON decoder logs what it decoded at TRACE: never the password. */
		@Override
		public String toString() {
			return "UserRequest[username=" + this.username + ", password=(hidden), roles=" + this.roles + ", unit="
					+ this.unit + "]";
		}

		UserRequest validated() {
			if (this.username == null || !CODE.matcher(this.username).matches()) {
				throw new IllegalArgumentException("username: 1-40 lower-case letters, digits, '_' or '-'");
			}
			if (this.password == null || this.password.length() < 12 || this.password.length() > 128) {
				throw new IllegalArgumentException("password: 12-128 characters");
			}
			if (this.roles == null || this.roles.isEmpty()
					|| !this.roles.stream().allMatch((role) -> Role.fromCode(role).isPresent())) {
				throw new IllegalArgumentException("roles: one or more of admin, moderator, unit_officer, leader");
			}
			if (this.roles.contains("unit_officer") && this.unit == null) {
				throw new IllegalArgumentException("unit: a unit officer belongs to a unit");
			}
			return this;
		}

	}

	public record UserCreated(String username, List<String> roles, String unit) {
	}

}
