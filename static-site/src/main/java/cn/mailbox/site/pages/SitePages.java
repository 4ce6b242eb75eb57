package cn.mailbox.site.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.messageresolver.IMessageResolver;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;

/**
 * Renders the transparency pages from the templates in {@code templates/site/} with the
 * {@code site-messages} bundle, for the live portal and the static generator alike.
 * <p>
 * Templates, messages and assets are read into memory once, in {@link #create}; rendering
 * never touches the disk, so it is safe on any thread (the portal renders on event-loop
 * threads, where BlockHound forbids file reads). Thread-safe.
 */
public final class SitePages {

	/** The templates, by name. */
	static final List<String> TEMPLATES = List.of("layout", "home", "list", "letter", "stats", "board", "not-found");

	/**
	 * The assets copied to {@code assets/} (and served live at {@code /site-assets/}).
	 */
	public static final List<String> ASSETS = List.of("site.css", "site.js");

	public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

	private final SpringTemplateEngine engine;

	private final Map<String, Properties> messages;

	private final Map<String, byte[]> assets;

	private final ZoneId zone;

	private final long fingerprint;

	private SitePages(Map<String, String> templates, Map<String, Properties> messages, Map<String, byte[]> assets,
			ZoneId zone) {
		this.messages = messages;
		this.assets = assets;
		this.zone = zone;
		this.engine = new SpringTemplateEngine();
		this.engine.setTemplateResolver(new Preloaded(templates));
		this.engine.setMessageResolver(new Messages());
		Digest digest = new Digest();
		templates.keySet().stream().sorted().forEach((name) -> digest.add(name).add(templates.get(name)));
		messages.keySet().stream().sorted().forEach((name) -> digest.add(name).add(messages.get(name).toString()));
		assets.keySet().stream().sorted().forEach((name) -> digest.add(name).add(new String(assets.get(name))));
		this.fingerprint = digest.value();
	}

	/**
	 * Reads the templates, messages and assets from the class path.
	 * @param zone the time zone dates are shown in
	 */
	public static SitePages create(ZoneId zone) {
		Map<String, String> templates = new HashMap<>();
		for (String name : TEMPLATES) {
			templates.put(name, new String(read("templates/site/" + name + ".html"), StandardCharsets.UTF_8));
		}
		Map<String, Properties> messages = Map.of("zh", properties("site-messages.properties"), "en",
				properties("site-messages_en.properties"));
		Map<String, byte[]> assets = new HashMap<>();
		for (String name : ASSETS) {
			assets.put(name, read("static/site-assets/" + name));
		}
		SitePages pages = new SitePages(Map.copyOf(templates), messages, Map.copyOf(assets),
				Objects.requireNonNull(zone));
		pages.warmUp();
		return pages;
	}

	/**
	 * Renders every template once in both languages and styles, so that parsing, caches
	 * and class loading happen at start-up and never inside a request.
	 */
	private void warmUp() {
		java.time.Instant now = java.time.Instant.parse("2024-01-02T03:04:05Z");
		cn.mailbox.publication.PublicRecord record = new cn.mailbox.publication.PublicRecord("W1", "mayor", "complaint",
				"other", "xishan", List.of("unit"), "title", "letter", "reply", now, now, now, now, now, 1, 15, true, 0,
				0);
		LetterSummary summary = LetterSummary.of(record);
		java.time.LocalDate day = java.time.LocalDate.of(2024, 1, 2);
		HandlingCounts counts = HandlingCounts.of(List.of(new HandlingCount(null, null, day, 2, 1, 1, 1),
				new HandlingCount("unit", "complaint", day, 2, 1, 1, 1)));
		Figures figures = Statistics.unit("unit", List.of(summary), counts);
		PageLink link = new PageLink("1", "#", true, 1);
		for (Links links : List.of(Links.live(), Links.relativeTo("a/b.html", null),
				Links.relativeTo("a/b.html", "https://example.org"))) {
			for (Locale locale : List.of(CHINESE, Locale.ENGLISH)) {
				letter(LetterPage.of(record), links, locale);
				list(new ListPage("unit", "unit", 1, List.of(summary), Map.of("W1", "x"), "1", List.of(link), "#", "#",
						List.of(new FacetGroup("nature", List.of(link))), "q", figures, "#"), links, locale);
				home(new HomePage(figures, List.of(summary), List.of(link), List.of(link), List.of(link)), links,
						locale);
				stats(Statistics.page(List.of(summary), counts, this.zone, links,
						(key, args) -> message(key, locale, args)), links, locale);
				board(new BoardSnapshot(now, List.of(new BoardEntry("W1", "complaint", "unit", now, 1, now, false))),
						links, locale);
				notFound(links, locale);
			}
		}
	}

	/**
	 * Changes whenever a template, message or asset changes: a site built by another
	 * version is rebuilt.
	 */
	public long fingerprint() {
		return this.fingerprint;
	}

	public ZoneId zone() {
		return this.zone;
	}

	/** An asset's bytes ({@link #ASSETS}). */
	public byte[] asset(String name) {
		byte[] bytes = this.assets.get(name);
		if (bytes == null) {
			throw new IllegalArgumentException("No asset " + name);
		}
		return bytes.clone();
	}

	public String home(HomePage page, Links links, Locale locale) {
		return render("home", page, links, locale);
	}

	public String list(ListPage page, Links links, Locale locale) {
		return render("list", page, links, locale);
	}

	public String letter(LetterPage page, Links links, Locale locale) {
		return render("letter", page, links, locale);
	}

	public String stats(StatsPage page, Links links, Locale locale) {
		return render("stats", page, links, locale);
	}

	public String board(BoardSnapshot page, Links links, Locale locale) {
		return render("board", page, links, locale);
	}

	public String notFound(Links links, Locale locale) {
		return render("not-found", null, links, locale);
	}

	/**
	 * A message of the site bundle.
	 * @param key the key
	 * @param locale zh-CN or en (anything else is zh-CN)
	 * @param arguments {@link MessageFormat} arguments, or {@code null}
	 * @return the text, or the key when it is missing
	 */
	public String message(String key, Locale locale, Object[] arguments) {
		String pattern = bundle(locale).getProperty(key);
		if (pattern == null) {
			return key;
		}
		return (arguments == null || arguments.length == 0) ? pattern
				: new MessageFormat(pattern, locale).format(arguments);
	}

	private String render(String template, Object page, Links links, Locale locale) {
		Locale chosen = "en".equals(locale.getLanguage()) ? Locale.ENGLISH : CHINESE;
		Context context = new Context(chosen);
		context.setVariable("page", page);
		context.setVariable("links", links);
		context.setVariable("fmt", new Formats(this.zone, chosen));
		context.setVariable("lang", chosen.toLanguageTag());
		context.setVariable("query", (page instanceof ListPage list) ? list.query() : null);
		return this.engine.process(template, context);
	}

	private Properties bundle(Locale locale) {
		return this.messages.get("en".equals(locale.getLanguage()) ? "en" : "zh");
	}

	private static byte[] read(String resource) {
		try (InputStream in = SitePages.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("Missing resource " + resource);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Properties properties(String resource) {
		Properties properties = new Properties();
		try (InputStreamReader reader = new InputStreamReader(new java.io.ByteArrayInputStream(read(resource)),
				StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return properties;
	}

	/** Templates from memory, by name; fragments refer to each other by name. */
	private static final class Preloaded extends StringTemplateResolver {

		private final Map<String, String> templates;

		Preloaded(Map<String, String> templates) {
			this.templates = templates;
			setTemplateMode(TemplateMode.HTML);
			setCacheable(true);
		}

		@Override
		protected org.thymeleaf.templateresource.ITemplateResource computeTemplateResource(
				org.thymeleaf.IEngineConfiguration configuration, String ownerTemplate, String template,
				Map<String, Object> templateResolutionAttributes) {
			String content = this.templates.get(template);
			if (content == null) {
				throw new IllegalArgumentException("No site template " + template);
			}
			return new org.thymeleaf.templateresource.StringTemplateResource(content);
		}

	}

	/**
	 * {@code #{key}} from the site bundle; a missing code label falls back to the code.
	 */
	private final class Messages implements IMessageResolver {

		@Override
		public String getName() {
			return "site-messages";
		}

		@Override
		public Integer getOrder() {
			return 0;
		}

		@Override
		public String resolveMessage(ITemplateContext context, Class<?> origin, String key,
				Object[] messageParameters) {
			String pattern = bundle(context.getLocale()).getProperty(key);
			if (pattern == null) {
				return null;
			}
			return (messageParameters == null || messageParameters.length == 0) ? pattern
					: new MessageFormat(pattern, context.getLocale()).format(messageParameters);
		}

		@Override
		public String createAbsentMessageRepresentation(ITemplateContext context, Class<?> origin, String key,
				Object[] messageParameters) {
			int dot = key.lastIndexOf('.');
			return (dot >= 0) ? key.substring(dot + 1) : key;
		}

	}

}
