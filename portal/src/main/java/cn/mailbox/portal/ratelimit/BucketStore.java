package cn.mailbox.portal.ratelimit;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * Where the token buckets live: the seam between the limits and their storage. The
 * default, {@link LocalBucketStore}, keeps them in this process; several instances behind
 * one load balancer share {@link PostgresBucketStore}
 * ({@code portal.rate-limits.store=postgresql}), and a declared bean of this type
 * replaces both. Implementations must not block the calling thread.
 */
public interface BucketStore {

	/**
	 * Takes one token from the bucket of {@code key}, created with {@code limit} when
	 * new; empty when taken, else how long until one will be there.
	 */
	Mono<Duration> tryConsume(BucketKey key, Limit limit);

	/**
	 * Whether a token is there, without taking it: empty when there is, else how long
	 * until there will be.
	 */
	Mono<Duration> peek(BucketKey key, Limit limit);

}
