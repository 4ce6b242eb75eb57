package cn.mailbox.moderation.workflow;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who performs a workflow step.
 *
 * @param username the staff account (or {@code system} for scheduled supervision)
 * @param roles the account's roles, at least one
 * @param unit for a unit officer the unit they act for; for a moderator of a unit mailbox
 * the unit owning that mailbox; {@code null} otherwise
 * @param mayorsMailbox whether a moderator works the mayor's mailbox, which reaches every
 * letter
 */
public record Actor(String username, Set<Role> roles, String unit, boolean mayorsMailbox) {

	private static final Actor SYSTEM = new Actor("system", Set.of(Role.ADMIN), null, false);

	public Actor {
		if (username == null || username.isBlank()) {
			throw new IllegalArgumentException("An actor needs a username");
		}
		if (roles == null || roles.isEmpty()) {
			throw new IllegalArgumentException("An actor needs at least one role");
		}
		roles = Set.copyOf(EnumSet.copyOf(roles));
		unit = (unit == null || unit.isBlank()) ? null : unit;
		if (roles.contains(Role.UNIT_OFFICER) && unit == null) {
			throw new IllegalArgumentException("A unit officer belongs to a unit: " + username);
		}
		if (roles.contains(Role.MODERATOR) && unit == null && !mayorsMailbox) {
			throw new IllegalArgumentException(
					"A moderator works the mayor's mailbox or a unit's mailbox: " + username);
		}
	}

	public static Actor admin(String username) {
		return new Actor(username, Set.of(Role.ADMIN), null, false);
	}

	public static Actor mayorsModerator(String username) {
		return new Actor(username, Set.of(Role.MODERATOR), null, true);
	}

	public static Actor unitModerator(String username, String unit) {
		return new Actor(username, Set.of(Role.MODERATOR), Objects.requireNonNull(unit, "unit"), false);
	}

	public static Actor unitOfficer(String username, String unit) {
		return new Actor(username, Set.of(Role.UNIT_OFFICER), Objects.requireNonNull(unit, "unit"), false);
	}

	public static Actor leader(String username) {
		return new Actor(username, Set.of(Role.LEADER), null, false);
	}

	/**
	 * Scheduled supervision (reminders); it has the administrator's reach, so its steps
	 * are checked like anyone else's.
	 * @return the system actor
	 */
	public static Actor system() {
		return SYSTEM;
	}

	public boolean has(Role role) {
		return this.roles.contains(role);
	}

}
