package cn.mailbox.portal.ratelimit;

import java.net.InetAddress;

import cn.mailbox.portal.ratelimit.RateLimitSettings.ActionLimits;
import cn.mailbox.portal.web.ClientAddress;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Takes a token for each limited action before anything else runs, Spring Security
 * included, so a spent client costs one map lookup and no password check. Staff logins
 * are counted twice: every request with credentials, and, once answered, every one that
 * was refused (401); a client with no failed-login tokens left is refused before its
 * password is even looked at.
 */
final class RateLimitFilter implements WebFilter, Ordered {

	/** Before Spring Security's {@code WebFilterChainProxy} (-100). */
	static final int ORDER = -200;

	private final ClientAddress clientAddress;

	private final Limiter limiter;

	private final RateLimitSettings settings;

	private final Rejections rejections;

	RateLimitFilter(ClientAddress clientAddress, Limiter limiter, RateLimitSettings settings, Rejections rejections) {
		this.clientAddress = clientAddress;
		this.limiter = limiter;
		this.settings = settings;
		this.rejections = rejections;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Action action = Action.of(exchange.getRequest());
		if (action == null) {
			return chain.filter(exchange);
		}
		InetAddress client = this.clientAddress.resolve(exchange);
		if (this.limiter.exempt(client)) {
			return chain.filter(exchange);
		}
		Mono<Void> next = Mono.defer(() -> chain.filter(exchange));
		return switch (action) {
			case SUBMIT -> admitted(exchange, this.limiter.take(action.key(), this.settings.submit(), client),
					next.contextWrite((context) -> context.put(ContactLimiter.LIMITED_SUBMISSION, true)));
			case TRACK -> admitted(exchange, this.limiter.take(action.key(), this.settings.track(), client), next);
			case FEEDBACK ->
				admitted(exchange, this.limiter.take(action.key(), this.settings.feedback(), client), next);
			case LOGIN -> login(exchange, next, client);
		};
	}

	private Mono<Void> login(ServerWebExchange exchange, Mono<Void> next, InetAddress client) {
		if (!exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
			return next;
		}
		ActionLimits failures = this.settings.failedLogin();
		Mono<Void> admission = this.limiter.peek(Action.FAILED_LOGIN, failures, client)
			.then(this.limiter.take(Action.LOGIN.key(), this.settings.login(), client));
		return admitted(exchange, admission, Mono.defer(() -> {
			exchange.getResponse()
				.beforeCommit(() -> refused(exchange) ? this.limiter.count(Action.FAILED_LOGIN, failures, client)
						: Mono.empty());
			return next;
		}));
	}

	private static boolean refused(ServerWebExchange exchange) {
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		return status != null && status.value() == HttpStatus.UNAUTHORIZED.value();
	}

	/** Runs {@code next} when admitted, else answers 429. */
	private Mono<Void> admitted(ServerWebExchange exchange, Mono<Void> admission, Mono<Void> next) {
		return admission.then(Mono.just(next))
			.onErrorResume(RateLimited.class,
					(limited) -> Mono.just(this.rejections.tooManyRequests(exchange, limited.retryAfter())))
			.flatMap((answer) -> answer);
	}

	/** The limited actions and the routes that do them. */
	enum Action {

		SUBMIT("submit"), TRACK("track"), FEEDBACK("feedback"), LOGIN("login");

		/** The bucket name of refused logins. */
		static final String FAILED_LOGIN = "failed-login";

		private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

		private static final PathPattern LETTER = PARSER.parse("/api/v1/letters/{trackingNumber}");

		private static final PathPattern LETTER_FEEDBACK = PARSER.parse("/api/v1/letters/{trackingNumber}/feedback");

		private static final PathPattern STAFF = PARSER.parse("/api/v1/staff/**");

		private final String key;

		Action(String key) {
			this.key = key;
		}

		String key() {
			return this.key;
		}

		static Action of(ServerHttpRequest request) {
			PathContainer path = request.getPath().pathWithinApplication();
			String value = path.value();
			HttpMethod method = request.getMethod();
			if (HttpMethod.POST.equals(method)) {
				return switch (value) {
					case "/api/v1/letters", "/letters" -> SUBMIT;
					case "/track" -> TRACK;
					case "/track/feedback" -> FEEDBACK;
					default -> LETTER_FEEDBACK.matches(path) ? FEEDBACK : staff(path);
				};
			}
			if (HttpMethod.GET.equals(method) && LETTER.matches(path)) {
				return TRACK;
			}
			return staff(path);
		}

		private static Action staff(PathContainer path) {
			return STAFF.matches(path) ? LOGIN : null;
		}

	}

}
