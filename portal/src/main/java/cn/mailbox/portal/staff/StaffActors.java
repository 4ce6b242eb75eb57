package cn.mailbox.portal.staff;

import java.security.Principal;
import java.util.EnumSet;
import java.util.Set;

import cn.mailbox.moderation.workflow.Actor;
import cn.mailbox.moderation.workflow.Role;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Turns the signed-in staff member into the workflow's {@link Actor}: roles and unit from
 * the account. A moderator without a unit moderates the mayor's mailbox; one with a unit,
 * that unit's mailbox.
 */
@Component
public class StaffActors {

	private final DatabaseClient db;

	StaffActors(DatabaseClient db) {
		this.db = db;
	}

	public Mono<Actor> of(Mono<Principal> principal) {
		return principal.map(Principal::getName)
			.flatMap((username) -> this.db
				.sql("select username, roles, unit_code from staff_users where username = :u and enabled")
				.bind("u", username)
				.map((row) -> actor(row.get("username", String.class), row.get("roles", String[].class),
						row.get("unit_code", String.class)))
				.one());
	}

	private static Actor actor(String username, String[] roleCodes, String unit) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		for (String code : roleCodes) {
			Role.fromCode(code).ifPresent(roles::add);
		}
		boolean mayorsMailbox = roles.contains(Role.ADMIN) || (roles.contains(Role.MODERATOR) && unit == null);
		return new Actor(username, roles, unit, mayorsMailbox);
	}

}
