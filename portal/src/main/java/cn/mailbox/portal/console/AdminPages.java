package cn.mailbox.portal.console;

import java.security.Principal;
import java.util.List;

import cn.mailbox.moderation.workflow.Actor;
import cn.mailbox.moderation.workflow.Role;
import cn.mailbox.portal.staff.StaffActors;
import cn.mailbox.portal.staff.StaffDirectory.UnitRequest;
import cn.mailbox.portal.staff.StaffDirectory.UserRequest;
import cn.mailbox.portal.staff.StaffDirectory;
import cn.mailbox.portal.web.HtmlPage;
import cn.mailbox.portal.web.Times;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;

/**
 * Units and accounts for administrators (单位与账号管理): the same writes as
 * {@code POST /api/v1/staff/units} and {@code /users}, through {@link StaffDirectory}, so
 * a city can set up its mailbox without scripts. Other staff get 403.
 */
@Controller
@HtmlPage
class AdminPages {

	private static final List<String> ROLES = List.of("moderator", "unit_officer", "leader", "admin");

	private final StaffActors actors;

	private final StaffDirectory directory;

	private final Times times;

	AdminPages(StaffActors actors, StaffDirectory directory, Times times) {
		this.actors = actors;
		this.directory = directory;
		this.times = times;
	}

	@GetMapping("/console/admin")
	Mono<String> page(@RequestParam(required = false) String saved, Mono<Principal> principal, Model model,
			ServerWebExchange exchange) {
		return admin(principal, model, exchange).flatMap((actor) -> {
			model.addAttribute("saved", saved);
			return render(model);
		}).switchIfEmpty(Mono.just("console/not-found"));
	}

	@PostMapping("/console/admin/units")
	Mono<String> saveUnit(Mono<Principal> principal, Model model, ServerWebExchange exchange) {
		return admin(principal, model, exchange).zipWith(exchange.getFormData(), (actor, form) -> form)
			.flatMap((form) -> this.directory
				.saveUnit(new UnitRequest(form.getFirst("code"), form.getFirst("name"), blankToNull(form, "kind")))
				.thenReturn("redirect:/console/admin?saved=unit")
				.onErrorResume(IllegalArgumentException.class, (ex) -> refused(ex, model, exchange)))
			.switchIfEmpty(Mono.just("console/not-found"));
	}

	@PostMapping("/console/admin/users")
	Mono<String> saveUser(Mono<Principal> principal, Model model, ServerWebExchange exchange) {
		return admin(principal, model, exchange).zipWith(exchange.getFormData(), (actor, form) -> form)
			.flatMap((form) -> this.directory
				.saveUser(new UserRequest(form.getFirst("username"), form.getFirst("password"), roles(form),
						blankToNull(form, "unit")))
				.thenReturn("redirect:/console/admin?saved=user")
				.onErrorResume(IllegalArgumentException.class, (ex) -> refused(ex, model, exchange)))
			.switchIfEmpty(Mono.just("console/not-found"));
	}

	/**
	 * The administrator, or empty after setting 403: the page then shows the console's
	 * not-found text rather than saying what exists here.
	 */
	private Mono<Actor> admin(Mono<Principal> principal, Model model, ServerWebExchange exchange) {
		return this.actors.of(principal).flatMap((actor) -> {
			ConsoleLayout.addTo(model, actor, this.times);
			if (!actor.has(Role.ADMIN)) {
				exchange.getResponse().setStatusCode(HttpStatus.FORBIDDEN);
				return Mono.empty();
			}
			return Mono.just(actor);
		});
	}

	private Mono<String> refused(IllegalArgumentException ex, Model model, ServerWebExchange exchange) {
		exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
		model.addAttribute("error", ex.getMessage());
		return render(model);
	}

	private Mono<String> render(Model model) {
		return Mono.zip(this.directory.units().collectList(), this.directory.users().collectList()).map((found) -> {
			model.addAttribute("units", found.getT1());
			model.addAttribute("users", found.getT2());
			model.addAttribute("roles", ROLES);
			return "console/admin";
		});
	}

	private static List<String> roles(MultiValueMap<String, String> form) {
		List<String> roles = form.get("roles");
		return (roles != null) ? List.copyOf(roles) : List.of();
	}

	private static String blankToNull(MultiValueMap<String, String> form, String key) {
		String value = form.getFirst(key);
		return (value == null || value.isBlank()) ? null : value;
	}

}
