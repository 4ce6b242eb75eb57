package cn.mailbox.portal.web;

import java.net.ConnectException;
import java.time.Duration;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Recognises a request that failed because the database could not be reached: its server
 * died or restarts (the embedded server's supervisor brings it back within seconds), a
 * connection broke, or none could be had in time. That is not a defect of the portal but
 * a moment's outage, so the answer is a {@code 503} with {@code Retry-After}, not a
 * {@code 500}: a client or a citizen can tell "try again shortly" from "something is
 * broken", and the fault test ({@code NothingLostIT}) checks that an outage gives no
 * other 5xx.
 * <p>
 * The answer cannot promise that nothing was stored: a connection that broke after its
 * commit was sent leaves the outcome unknown. The messages say so, and a submission sent
 * again with the same {@code Idempotency-Key} (or, without one, linked as a duplicate by
 * screening) is safe.
 */
public final class DatabaseOutage {

	/**
	 * The wait a client is asked for: a killed embedded server is running again 2-7 s
	 * after the kill (measured by the fault test).
	 */
	public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	private DatabaseOutage() {
	}

	/**
	 * Whether {@code failure}, or any of its causes, says the database was out of reach.
	 */
	public static boolean causes(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
					|| cause instanceof R2dbcNonTransientResourceException
					|| cause instanceof R2dbcTransientResourceException || cause instanceof R2dbcTimeoutException
					|| cause instanceof ConnectException) {
				return true;
			}
		}
		return false;
	}

	/** {@code Retry-After} in whole seconds. */
	public static String retryAfterSeconds() {
		return Long.toString(RETRY_AFTER.toSeconds());
	}

}
