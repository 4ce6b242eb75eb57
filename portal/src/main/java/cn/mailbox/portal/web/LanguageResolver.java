package cn.mailbox.portal.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.i18n.LocaleContextResolver;

/**
 * Chinese first, English second: {@code ?lang=en} (remembered in a cookie), then the
 * cookie, then the browser's Accept-Language, then zh-CN. Only the two supported
 * languages are ever chosen, so every message has a translation.
 */
public class LanguageResolver implements LocaleContextResolver {

	static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

	private static final List<Locale> SUPPORTED = List.of(CHINESE, Locale.ENGLISH);

	private static final String COOKIE = "lang";

	/**
	 * How many distinct Accept-Language values {@link #byHeader} keeps: browsers send a
	 * handful, and a client inventing a new value per request must not grow it.
	 */
	static final int REMEMBERED_HEADERS = 256;

	/**
	 * The language each Accept-Language value came to. Parsing the header (language
	 * ranges, streams, tag normalisation) was 2 % of a submission's CPU time, for the
	 * same few values again and again.
	 */
	private final Map<String, Locale> byHeader = new ConcurrentHashMap<>();

	@Override
	public LocaleContext resolveLocaleContext(ServerWebExchange exchange) {
		String parameter = exchange.getRequest().getQueryParams().getFirst(COOKIE);
		Locale chosen = supported(parameter);
		if (chosen == null) {
			HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
			chosen = (cookie != null) ? supported(cookie.getValue()) : null;
		}
		else {
			remember(exchange, chosen);
		}
		if (chosen == null) {
			chosen = fromHeader(exchange.getRequest().getHeaders().getFirst(HttpHeaders.ACCEPT_LANGUAGE));
		}
		return new SimpleLocaleContext(chosen);
	}

	@Override
	public void setLocaleContext(ServerWebExchange exchange, LocaleContext localeContext) {
		Locale locale = (localeContext != null) ? supported(String.valueOf(localeContext.getLocale())) : null;
		if (locale != null) {
			remember(exchange, locale);
		}
	}

	private static void remember(ServerWebExchange exchange, Locale locale) {
		exchange.getResponse()
			.addCookie(ResponseCookie.from(COOKIE, locale.toLanguageTag())
				.path("/")
				.maxAge(Duration.ofDays(365))
				.sameSite("Lax")
				.httpOnly(true)
				.build());
	}

	/**
	 * The language of a request with neither {@code ?lang=} nor the cookie: by its
	 * Accept-Language header (null when it has none). For routes served outside WebFlux.
	 */
	public Locale ofAcceptLanguage(String header) {
		return fromHeader(header);
	}

	private Locale fromHeader(String header) {
		if (header == null) {
			return CHINESE;
		}
		Locale known = this.byHeader.get(header);
		if (known != null) {
			return known;
		}
		Locale locale = parse(header);
		if (this.byHeader.size() < REMEMBERED_HEADERS) {
			this.byHeader.put(header, locale);
		}
		return locale;
	}

	/** Remembered headers, for tests. */
	int rememberedHeaders() {
		return this.byHeader.size();
	}

	private static Locale parse(String header) {
		try {
			for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
				Locale locale = supported(range.getRange());
				if (locale != null) {
					return locale;
				}
			}
		}
		catch (IllegalArgumentException ex) {
			// A malformed Accept-Language header is the client's problem, not a reason to
			// fail.
		}
		return CHINESE;
	}

	private static Locale supported(String tag) {
		if (tag == null || tag.length() > 35) {
			return null;
		}
		String language = Locale.forLanguageTag(tag.replace('_', '-')).getLanguage();
		return SUPPORTED.stream().filter((locale) -> locale.getLanguage().equals(language)).findFirst().orElse(null);
	}

}
