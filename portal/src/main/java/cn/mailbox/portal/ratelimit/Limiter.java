package cn.mailbox.portal.ratelimit;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import cn.mailbox.portal.ratelimit.BucketKey.Scope;
import cn.mailbox.portal.ratelimit.RateLimitSettings.ActionLimits;
import cn.mailbox.portal.web.ClientAddress.Block;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies one action's limits to one client: its address, its network (/24, /64), then
 * the global ceiling, stopping at the first that is spent. Tokens taken from the earlier
 * buckets are not given back: a client that pushes against a limit pays for it.
 */
final class Limiter {

	private final BucketStore store;

	private final List<Block> exempt;

	Limiter(BucketStore store, List<Block> exempt) {
		this.store = store;
		this.exempt = List.copyOf(exempt);
	}

	boolean exempt(InetAddress client) {
		return client != null && this.exempt.stream().anyMatch((block) -> block.contains(client));
	}

	/**
	 * Takes a token for the request; errors with {@link RateLimited} when one is spent.
	 */
	Mono<Void> take(String action, ActionLimits limits, InetAddress client) {
		return Flux.fromIterable(keys(action, limits, client))
			.concatMap((keyed) -> this.store.tryConsume(keyed.key(), keyed.limit()))
			.next()
			.flatMap(Limiter::limited);
	}

	/**
	 * Errors with {@link RateLimited} when a bucket is spent, without taking a token
	 * (failed logins are counted after the answer).
	 */
	Mono<Void> peek(String action, ActionLimits limits, InetAddress client) {
		return Flux.fromIterable(keys(action, limits, client))
			.concatMap((keyed) -> this.store.peek(keyed.key(), keyed.limit()))
			.next()
			.flatMap(Limiter::limited);
	}

	/** Takes a token from every bucket, limited or not: counts a failure. */
	Mono<Void> count(String action, ActionLimits limits, InetAddress client) {
		return Flux.fromIterable(keys(action, limits, client))
			.concatMap((keyed) -> this.store.tryConsume(keyed.key(), keyed.limit()))
			.then();
	}

	/** Takes a token from the bucket of one contact (a hashed phone or e-mail). */
	Mono<Void> takeForContact(String action, ActionLimits limits, String contactHash) {
		return this.store.tryConsume(new BucketKey(action, Scope.CONTACT, contactHash), limits.perContact())
			.flatMap(Limiter::limited);
	}

	private static Mono<Void> limited(Duration retryAfter) {
		return Mono.error(new RateLimited(retryAfter));
	}

	private static List<Keyed> keys(String action, ActionLimits limits, InetAddress client) {
		if (client == null) {
			return List.of(new Keyed(new BucketKey(action, Scope.GLOBAL, "*"), limits.global()));
		}
		return List.of(new Keyed(new BucketKey(action, Scope.ADDRESS, client.getHostAddress()), limits.perAddress()),
				new Keyed(new BucketKey(action, Scope.NETWORK, network(client)), limits.perNetwork()),
				new Keyed(new BucketKey(action, Scope.GLOBAL, "*"), limits.global()));
	}

	/**
	 * The /24 of an IPv4 address or the /64 of an IPv6 one: what one household or one
	 * small office usually holds.
	 */
	static String network(InetAddress address) {
		byte[] bytes = address.getAddress();
		int prefix = (address instanceof Inet4Address) ? 24 : 64;
		for (int i = prefix / 8; i < bytes.length; i++) {
			bytes[i] = 0;
		}
		try {
			return InetAddress.getByAddress(bytes).getHostAddress() + "/" + prefix;
		}
		catch (java.net.UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Keyed(BucketKey key, Limit limit) {
	}

}
