package cn.mailbox.portal.intake;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import cn.mailbox.portal.ratelimit.SubmissionAdmission;
import cn.mailbox.portal.screening.FormSignals;
import cn.mailbox.portal.security.ApiSecurityHeaders;
import cn.mailbox.portal.web.ApiProblemDetails;
import cn.mailbox.portal.web.ClientAddress;
import cn.mailbox.portal.web.LanguageResolver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.handler.codec.http.HttpMethod;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/letters} served by Reactor Netty directly, for the requests that
 * make up a submission surge: a JSON body of known length, JSON or anything accepted in
 * return, no query, no cookie, plain header values. Through WebFlux and Spring Security
 * the framework took more of a letter's CPU time than intake's own work (screening,
 * storing); on two cores that decided how many letters a second the portal could keep.
 * Every other request to the path, and every odd one (chunked, compressed, a charset
 * other than UTF-8, a {@code ?lang=}, a byte the firewall would refuse), goes on to
 * {@link IntakeApi} as before, which answers it exactly as it always did.
 * <p>
 * What the way through WebFlux gives a submission, this route does too, by the same code:
 * the rate limits and the submission gate ({@link SubmissionAdmission}), the client's
 * address behind trusted proxies ({@link ClientAddress}), the language
 * ({@link LanguageResolver}), the problems ({@link ApiProblemDetails}), the public API's
 * security headers ({@link ApiSecurityHeaders}), and a timer in
 * {@code http.server.requests}. {@code DirectIntakeIntegrationTests} sends the same
 * requests both ways and compares the answers.
 */
@Component
class DirectIntake implements NettyRouteProvider {

	private static final Logger log = LoggerFactory.getLogger(DirectIntake.class);

	private static final String PATH = IntakeApi.PATH;

	private final SubmitLetter submitLetter;

	private final SubmissionAdmission admission;

	private final ClientAddress clientAddress;

	private final LanguageResolver languages;

	private final ApiProblemDetails problems;

	private final JsonMapper json;

	private final long maxBody;

	private final MeterRegistry meters;

	private final Map<Integer, Timer> timers = new ConcurrentHashMap<>();

	private final AtomicLong answered = new AtomicLong();

	DirectIntake(SubmitLetter submitLetter, SubmissionAdmission admission, ClientAddress clientAddress,
			LanguageResolver languages, ApiProblemDetails problems, JsonMapper json, MeterRegistry meters,
			@Value("${spring.codec.max-in-memory-size:256KB}") DataSize maxBody) {
		this.submitLetter = submitLetter;
		this.admission = admission;
		this.clientAddress = clientAddress;
		this.languages = languages;
		this.problems = problems;
		this.json = json;
		this.meters = meters;
		this.maxBody = maxBody.toBytes();
	}

	@Override
	public HttpServerRoutes apply(HttpServerRoutes routes) {
		return routes.route(this::takes, this::submit);
	}

	/** Whether the request is one this route answers as WebFlux would. */
	boolean takes(HttpServerRequest request) {
		if (request.method() != HttpMethod.POST || !PATH.equals(request.uri())) {
			return false;
		}
		io.netty.handler.codec.http.HttpHeaders headers = request.requestHeaders();
		String length = headers.get(HttpHeaders.CONTENT_LENGTH);
		return length != null && length.length() <= 9 && isDigits(length) && Long.parseLong(length) <= this.maxBody
				&& json(headers.get(HttpHeaders.CONTENT_TYPE)) && accepted(headers.getAll(HttpHeaders.ACCEPT))
				&& !headers.contains(HttpHeaders.TRANSFER_ENCODING) && !headers.contains(HttpHeaders.CONTENT_ENCODING)
				&& !headers.contains(HttpHeaders.COOKIE) && !headers.contains(HttpHeaders.EXPECT)
				&& plain(headers.getAll("Idempotency-Key")) && plain(headers.getAll("X-Forwarded-For"))
				&& plain(headers.getAll(HttpHeaders.ACCEPT_LANGUAGE));
	}

	private Publisher<Void> submit(HttpServerRequest request, HttpServerResponse response) {
		long started = System.nanoTime();
		io.netty.handler.codec.http.HttpHeaders headers = request.requestHeaders();
		String idempotencyKey = headers.get("Idempotency-Key");
		Locale locale = this.languages.ofAcceptLanguage(headers.get(HttpHeaders.ACCEPT_LANGUAGE));
		InetAddress client = this.clientAddress.resolve(request.remoteAddress(), () -> forwardedFor(headers));
		String clientIp = (client != null) ? client.getHostAddress() : null;
		boolean secure = "https".equals(request.scheme());
		Mono<Void> answer = request.receive()
			.aggregate()
			.asByteArray()
			.map((body) -> read(body))
			.switchIfEmpty(Mono.error(NoBody::new))
			.flatMap((submission) -> this.submitLetter.submit(submission, idempotencyKey, clientIp,
					locale.toLanguageTag(), "api", FormSignals.NONE))
			.flatMap((result) -> created(response, result, secure, started))
			.onErrorResume((ex) -> refused(response, ex, locale, secure, started));
		return this.admission.admit(client, answer)
			.onErrorResume((ex) -> refused(response, ex, locale, secure, started));
	}

	private LetterSubmission read(byte[] body) {
		try {
			LetterSubmission submission = this.json.readValue(body, LetterSubmission.class);
			if (submission == null) {
				throw new NoBody();
			}
			return submission;
		}
		catch (JacksonException ex) {
			throw new Unreadable(ex);
		}
	}

	private Mono<Void> created(HttpServerResponse response, SubmissionResult result, boolean secure, long started) {
		byte[] body = this.json.writeValueAsBytes(IntakeApi.SubmissionResponse.of(result));
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.LOCATION, PATH + "/" + result.trackingNumber());
		headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
		headers.setContentType(MediaType.APPLICATION_JSON);
		return send(response, HttpStatus.CREATED, headers, body, secure, started, null);
	}

	/**
	 * The answer to what went wrong, as {@code ApiProblems} or the rate limits write it.
	 */
	private Mono<Void> refused(HttpServerResponse response, Throwable ex, Locale locale, boolean secure, long started) {
		if (ex instanceof AbortedException || response.hasSentHeaders()) {
			// The client left before its answer (its letter, if committed, stays stored,
			// as through WebFlux), Netty answered already (a body it could not decode),
			// or the answer broke off while being written: nothing more can be said.
			log.debug("POST {} ended without the portal's answer: {}", PATH, ex.toString());
			return Mono.empty();
		}
		SubmissionAdmission.Refusal refusal = this.admission.refusal(ex, locale, PATH);
		if (refusal != null) {
			return send(response, refusal.status(), refusal.headers(), refusal.body(), secure, started, ex);
		}
		ProblemDetail problem = switch (ex) {
			case SubmissionRejected rejected -> this.problems.invalidInput(rejected.errors(), locale);
			case IdempotencyKeyReused reused -> this.problems.problem(HttpStatus.UNPROCESSABLE_CONTENT,
					"idempotency-key-reused", "problem.idempotencyKeyReused", locale);
			case Unreadable unreadable ->
				this.problems.problem(HttpStatus.BAD_REQUEST, "unreadable", "problem.unreadable", locale);
			case NoBody none ->
				this.problems.problem(HttpStatus.BAD_REQUEST, "unreadable", "problem.unreadable", locale);
			default -> {
				log.error("Unexpected error on POST {}", PATH, ex);
				yield this.problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "problem.internal", locale);
			}
		};
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return send(response, HttpStatus.valueOf(problem.getStatus()), headers, this.problems.toJson(problem, PATH),
				secure, started, ex);
	}

	private Mono<Void> send(HttpServerResponse response, HttpStatus status, HttpHeaders headers, byte[] body,
			boolean secure, long started, Throwable error) {
		this.answered.incrementAndGet();
		ApiSecurityHeaders.writeTo(headers, secure);
		headers.setContentLength(body.length);
		response.status(status.value());
		headers.forEach((name, values) -> response.responseHeaders().add(name, values));
		return response.sendByteArray(Mono.just(body))
			.then()
			.doOnTerminate(() -> timer(status, error).record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
	}

	/** Requests answered here rather than by {@link IntakeApi} (for tests). */
	long answered() {
		return this.answered.get();
	}

	/**
	 * The same meter as WebFlux's observation of the route records, with the same tags,
	 * so dashboards see one series whichever way a submission went.
	 */
	private Timer timer(HttpStatus status, Throwable error) {
		if (error != null && status.is5xxServerError() && status != HttpStatus.SERVICE_UNAVAILABLE) {
			return tagged(status, error.getClass().getSimpleName());
		}
		return this.timers.computeIfAbsent(status.value(), (code) -> tagged(status, "none"));
	}

	private Timer tagged(HttpStatus status, String exception) {
		String outcome = status.is2xxSuccessful() ? "SUCCESS"
				: status.is4xxClientError() ? "CLIENT_ERROR" : status.is5xxServerError() ? "SERVER_ERROR" : "UNKNOWN";
		return Timer.builder("http.server.requests")
			.tags("method", "POST", "uri", PATH, "status", Integer.toString(status.value()), "outcome", outcome,
					"exception", exception, "error", exception)
			.register(this.meters);
	}

	private static List<String> forwardedFor(io.netty.handler.codec.http.HttpHeaders headers) {
		List<String> values = new ArrayList<>(2);
		for (String header : headers.getAll("X-Forwarded-For")) {
			values.addAll(List.of(StringUtils.tokenizeToStringArray(header, ",")));
		}
		return values;
	}

	private static boolean json(String contentType) {
		if (contentType == null) {
			return false;
		}
		String type = contentType.replace(" ", "");
		return type.equalsIgnoreCase("application/json") || type.equalsIgnoreCase("application/json;charset=utf-8");
	}

	private static boolean accepted(List<String> accept) {
		if (accept.isEmpty()) {
			return true;
		}
		if (accept.size() > 1) {
			return false;
		}
		String type = accept.get(0).replace(" ", "");
		return type.equalsIgnoreCase("application/json") || type.equals("*/*");
	}

	/** Printable ASCII only: anything else goes the way that checks it. */
	private static boolean plain(List<String> values) {
		for (String value : values) {
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				if (c < 0x20 || c > 0x7e) {
					return false;
				}
			}
		}
		return true;
	}

	private static boolean isDigits(String text) {
		if (text.isEmpty()) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) < '0' || text.charAt(i) > '9') {
				return false;
			}
		}
		return true;
	}

	/** The body was empty, or the JSON {@code null}. */
	private static final class NoBody extends RuntimeException {

		NoBody() {
			super("No request body", null, false, false);
		}

	}

	/** The body was not JSON of a letter's shape. */
	private static final class Unreadable extends RuntimeException {

		Unreadable(Throwable cause) {
			super("Unreadable request body", cause, false, false);
		}

	}

}
