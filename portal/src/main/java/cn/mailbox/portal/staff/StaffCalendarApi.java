package cn.mailbox.portal.staff;

import java.security.Principal;

import cn.mailbox.moderation.holidays.HolidayCalendarStore;
import cn.mailbox.moderation.workflow.Actor;
import cn.mailbox.moderation.workflow.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Administrators load a newly announced year of the holiday calendar (domain.md: "the
 * calendar is data ... an administrator can load a new year").
 */
@RestController
@Tag(name = "Staff")
class StaffCalendarApi {

	private final StaffActors actors;

	private final HolidayCalendarStore store;

	StaffCalendarApi(StaffActors actors, HolidayCalendarStore store) {
		this.actors = actors;
		this.store = store;
	}

	@PutMapping(path = "/api/v1/staff/calendar/{year}", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Load one year's holiday notice; administrators only",
			description = "The body is a holiday-cn document {\"year\":2027,\"days\":[{\"name\":\"春节\",\"date\":\"2027-02-06\","
					+ "\"isOffDay\":true}, ...]}; isOffDay false marks a make-up working day. Replaces that year; "
					+ "deadlines computed afterwards use it.")
	Mono<HolidayCalendarStore.LoadedYear> load(@PathVariable int year, @RequestBody byte[] document,
			Mono<Principal> principal) {
		return this.actors.of(principal)
			.filter((actor) -> actor.has(Role.ADMIN))
			.switchIfEmpty(Mono.error(new StaffForbidden("staff.forbidden.adminOnly")))
			.flatMap((Actor admin) -> this.store.load(year, document, admin.username()));
	}

}
