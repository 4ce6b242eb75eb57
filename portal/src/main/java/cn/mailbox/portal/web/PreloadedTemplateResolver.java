package cn.mailbox.portal.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.thymeleaf.IEngineConfiguration;
import org.thymeleaf.templateresolver.AbstractConfigurableTemplateResolver;
import org.thymeleaf.templateresource.ITemplateResource;
import org.thymeleaf.templateresource.StringTemplateResource;

/**
 * Reads every template on the class path ({@code templates/**.html}) into memory once, at
 * start-up. Rendering then never touches the disk: WebFlux renders on event-loop threads,
 * where a file read on first use would block (BlockHound proves it does not happen).
 */
class PreloadedTemplateResolver extends AbstractConfigurableTemplateResolver {

	private final Map<String, String> templates;

	PreloadedTemplateResolver() {
		this.templates = load();
		setPrefix("");
		setSuffix(".html");
		setCharacterEncoding(StandardCharsets.UTF_8.name());
		setTemplateMode("HTML");
		setCacheable(true);
		setCheckExistence(true);
	}

	@Override
	protected ITemplateResource computeTemplateResource(IEngineConfiguration configuration, String ownerTemplate,
			String template, String resourceName, String characterEncoding, Map<String, Object> attributes) {
		String content = this.templates.get(resourceName);
		return (content != null) ? new StringTemplateResource(content) : new MissingTemplate(resourceName);
	}

	private static Map<String, String> load() {
		Map<String, String> templates = new HashMap<>();
		try {
			for (Resource resource : new PathMatchingResourcePatternResolver()
				.getResources("classpath*:templates/**/*.html")) {
				String url = resource.getURL().toString();
				String name = url.substring(url.lastIndexOf("templates/") + "templates/".length());
				templates.putIfAbsent(name, resource.getContentAsString(StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the page templates", ex);
		}
		return Map.copyOf(templates);
	}

	/** Lets Thymeleaf report a missing template by name instead of rendering nothing. */
	private record MissingTemplate(String name) implements ITemplateResource {

		@Override
		public String getDescription() {
			return this.name;
		}

		@Override
		public String getBaseName() {
			return this.name;
		}

		@Override
		public boolean exists() {
			return false;
		}

		@Override
		public java.io.Reader reader() throws IOException {
			throw new java.io.FileNotFoundException("No template " + this.name);
		}

		@Override
		public ITemplateResource relative(String relativeLocation) {
			return new MissingTemplate(relativeLocation);
		}

	}

}
