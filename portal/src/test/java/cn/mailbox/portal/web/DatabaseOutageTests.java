package cn.mailbox.portal.web;

import java.net.ConnectException;
import java.util.Locale;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.ui.ExtendedModelMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database out of reach is an outage to retry after, not a defect: what counts as one,
 * and the API's answer to it. End to end, {@code NothingLostIT} kills the database under
 * continuous submissions and accepts no answer but 201 and 503.
 */
class DatabaseOutageTests {

	@Test
	void recognisesTheFailuresOfADatabaseOutOfReach() {
		assertThat(DatabaseOutage
			.causes(new DataAccessResourceFailureException("terminating connection due to unexpected postmaster exit")))
			.isTrue();
		assertThat(DatabaseOutage.causes(new CannotCreateTransactionException("Could not open R2DBC Connection")))
			.isTrue();
		assertThat(DatabaseOutage.causes(new IllegalStateException("wrapped",
				new R2dbcNonTransientResourceException("Cannot exchange messages because the connection is closed"))))
			.isTrue();
		assertThat(DatabaseOutage.causes(new R2dbcTimeoutException("Connection acquisition timed out after 5000ms")))
			.isTrue();
		assertThat(DatabaseOutage.causes(new RuntimeException(new ConnectException("Connection refused")))).isTrue();
	}

	@Test
	void leavesDefectsAndBadDataAlone() {
		assertThat(DatabaseOutage.causes(new IllegalStateException("a bug"))).isFalse();
		assertThat(DatabaseOutage.causes(new DataIntegrityViolationException("duplicate key"))).isFalse();
		assertThat(DatabaseOutage.causes(new NullPointerException())).isFalse();
	}

	@Test
	void answersTheApiWithServiceUnavailableAndRetryAfter() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasenames("messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		ApiProblems advice = new ApiProblems(messages,
				new ApiProblemDetails(messages, new FieldMessages(messages), JsonMapper.builder().build()));
		MockServerWebExchange exchange = MockServerWebExchange.from(
				MockServerHttpRequest.get("/api/v1/letters/SZ20261207-00001").acceptLanguageAsLocales(Locale.ENGLISH));

		ResponseEntity<ProblemDetail> answer = advice
			.unexpected(new CannotCreateTransactionException("Could not open R2DBC Connection"), exchange)
			.block();

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
		assertThat(answer.getBody().getType().toString()).endsWith("/problems/unavailable");
		assertThat(answer.getBody().getDetail()).contains("Idempotency-Key").doesNotContain("R2DBC");
	}

	@Test
	void answersAPageWithServiceUnavailableAndItsOwnMessage() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/write"));
		ExtendedModelMap model = new ExtendedModelMap();

		String view = new PageErrors().unexpected(
				new DataAccessResourceFailureException("terminating connection due to unexpected postmaster exit"),
				model, exchange);

		assertThat(view).isEqualTo("error-page");
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
		assertThat(model.get("messageKey")).isEqualTo("error.unavailable");
	}

	@Test
	void stillAnswersADefectWithInternalServerError() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasenames("messages");
		messages.setDefaultEncoding("UTF-8");
		ApiProblems advice = new ApiProblems(messages,
				new ApiProblemDetails(messages, new FieldMessages(messages), JsonMapper.builder().build()));
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/stats"));

		ResponseEntity<ProblemDetail> answer = advice.unexpected(new IllegalStateException("a bug"), exchange).block();

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNull();
	}

}
