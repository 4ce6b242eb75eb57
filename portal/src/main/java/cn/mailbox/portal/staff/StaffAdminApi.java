package cn.mailbox.portal.staff;

import cn.mailbox.portal.staff.StaffDirectory.UnitRequest;
import cn.mailbox.portal.staff.StaffDirectory.UserCreated;
import cn.mailbox.portal.staff.StaffDirectory.UserRequest;

import java.security.Principal;

import cn.mailbox.moderation.workflow.Actor;
import cn.mailbox.moderation.workflow.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Administrators manage units and staff accounts (api.md). */
@RestController
@Tag(name = "Staff")
class StaffAdminApi {

	private final StaffActors actors;

	private final StaffDirectory directory;

	StaffAdminApi(StaffActors actors, StaffDirectory directory) {
		this.actors = actors;
		this.directory = directory;
	}

	@PostMapping(path = "/api/v1/staff/units", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create a unit (承办单位); administrators only")
	Mono<UnitRequest> createUnit(@RequestBody UnitRequest unit, Mono<Principal> principal) {
		return admin(principal).then(this.directory.saveUnit(unit));
	}

	@PostMapping(path = "/api/v1/staff/users", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create a staff account; administrators only")
	Mono<UserCreated> createUser(@RequestBody UserRequest user, Mono<Principal> principal) {
		return admin(principal).then(this.directory.saveUser(user));
	}

	private Mono<Actor> admin(Mono<Principal> principal) {
		return this.actors.of(principal)
			.filter((actor) -> actor.has(Role.ADMIN))
			.switchIfEmpty(Mono.error(new StaffForbidden("staff.forbidden.adminOnly")));
	}

}
