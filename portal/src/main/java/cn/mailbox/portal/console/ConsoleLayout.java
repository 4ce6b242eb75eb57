package cn.mailbox.portal.console;

import cn.mailbox.moderation.workflow.Actor;
import cn.mailbox.moderation.workflow.Role;
import cn.mailbox.portal.web.Times;

import org.springframework.ui.Model;

/**
 * What the console layout needs on every page: who is signed in (the logout form) and
 * which role-dependent links the navigation shows. One place, so a new page cannot forget
 * a link (the review page once lacked the administrators' one).
 */
final class ConsoleLayout {

	private ConsoleLayout() {
	}

	static void addTo(Model model, Actor actor, Times times) {
		model.addAttribute("actor", actor);
		model.addAttribute("leader", actor.has(Role.LEADER));
		model.addAttribute("admin", actor.has(Role.ADMIN));
		model.addAttribute("times", times);
	}

}
