package cn.mailbox.portal.security;

import java.util.List;

import org.springframework.http.server.PathContainer;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Chooses a security filter chain by path, as
 * {@code ServerWebExchangeMatchers.pathMatchers} does (the same parser, the same
 * patterns), but quietly. Spring Security's path, "or", "and" and "not" matchers hand a
 * formatted debug message to the logger on every request, and the commons-logging bridge
 * builds that string before it asks whether debug is on: choosing the chain of each
 * submission formatted a handful of messages nobody reads (about 1 % of the portal's CPU
 * under load, with the logger's own filtering).
 */
public final class PathMatcher implements ServerWebExchangeMatcher {

	private final List<PathPattern> included;

	private final List<PathPattern> excluded;

	private PathMatcher(List<PathPattern> included, List<PathPattern> excluded) {
		this.included = included;
		this.excluded = excluded;
	}

	/** Requests whose path matches any of the patterns. */
	public static PathMatcher anyOf(String... patterns) {
		return new PathMatcher(parse(patterns), List.of());
	}

	/** These requests, except those whose path matches any of the patterns. */
	public PathMatcher except(String... patterns) {
		return new PathMatcher(this.included, parse(patterns));
	}

	@Override
	public Mono<MatchResult> matches(ServerWebExchange exchange) {
		PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
		return (matchesAny(this.included, path) && !matchesAny(this.excluded, path)) ? MatchResult.match()
				: MatchResult.notMatch();
	}

	private static boolean matchesAny(List<PathPattern> patterns, PathContainer path) {
		for (PathPattern pattern : patterns) {
			if (pattern.matches(path)) {
				return true;
			}
		}
		return false;
	}

	/** As Spring Security's {@code PathPatternParserServerWebExchangeMatcher} parses. */
	private static List<PathPattern> parse(String... patterns) {
		PathPatternParser parser = PathPatternParser.defaultInstance;
		return java.util.Arrays.stream(patterns)
			.map((pattern) -> parser.parse(parser.initFullPathPattern(pattern)))
			.toList();
	}

}
