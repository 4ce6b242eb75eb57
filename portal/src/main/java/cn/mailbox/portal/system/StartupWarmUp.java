package cn.mailbox.portal.system;

import java.util.List;
import java.util.Locale;

import cn.mailbox.portal.intake.AccessCodes;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.spring6.ISpringWebFluxTemplateEngine;
import org.thymeleaf.standard.StandardDialect;

/**
 * Does at start-up, on the main thread, the one-time work that would otherwise happen
 * inside the first request on an event-loop thread: seeding the access-code generator
 * from the OS entropy source and reading the message bundles from disk. BlockHound caught
 * both.
 */
@Component
class StartupWarmUp implements SmartInitializingSingleton {

	private final MessageSource messages;

	private final ISpringWebFluxTemplateEngine templates;

	StartupWarmUp(MessageSource messages, ISpringWebFluxTemplateEngine templates) {
		this.messages = messages;
		this.templates = templates;
	}

	@Override
	public void afterSingletonsInstantiated() {
		AccessCodes.generate();
		for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.CHINESE, Locale.ENGLISH, Locale.ROOT)) {
			this.messages.getMessage("app.name", null, "", locale);
		}
		if (this.templates instanceof TemplateEngine engine) {
			// Initialising the engine reads Thymeleaf's own version file from its jar.
			engine.getConfiguration();
			engine.getDialects()
				.stream()
				.filter(StandardDialect.class::isInstance)
				.map(StandardDialect.class::cast)
				.forEach((dialect) -> {
					dialect.getJavaScriptSerializer();
					dialect.getCSSSerializer();
				});
		}
	}

}
