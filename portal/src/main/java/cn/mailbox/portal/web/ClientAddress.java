package cn.mailbox.portal.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The address a request came from, as recorded with a letter for abuse handling (never
 * public) and as the key of the rate limits. It is the peer's address, unless the peer is
 * one of {@code portal.web.trusted-proxies}: then it is the right-most entry of
 * {@code X-Forwarded-For} that is not itself a trusted proxy. Entries left of that were
 * written by the client and prove nothing, so they are never used.
 */
@Component
@EnableConfigurationProperties(ClientAddress.Settings.class)
public class ClientAddress {

	private static final Pattern IPV4 = Pattern
		.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?::\\d{1,5})?");

	private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");

	/** The exchange attribute that keeps the resolved address (or {@link #NONE}). */
	private static final String RESOLVED = ClientAddress.class.getName() + ".resolved";

	private static final Object NONE = new Object();

	private final List<Block> trustedProxies;

	ClientAddress(Settings settings) {
		this.trustedProxies = settings.trustedProxies().stream().map(Block::parse).toList();
		// First use of InetAddress's literal parsing reads security properties: do it
		// now.
		literal("::1");
	}

	/** The client's address as text, or null when the connection has none. */
	public String of(ServerWebExchange exchange) {
		InetAddress address = resolve(exchange);
		return (address != null) ? address.getHostAddress() : null;
	}

	/**
	 * The client's address, or null when the connection has none. Worked out once per
	 * exchange: the rate limits ask first and the handler again, and each asking parsed
	 * the forwarded addresses anew.
	 */
	public InetAddress resolve(ServerWebExchange exchange) {
		Object known = exchange.getAttributes().get(RESOLVED);
		if (known != null) {
			return (known instanceof InetAddress address) ? address : null;
		}
		InetAddress address = resolveNow(exchange);
		exchange.getAttributes().put(RESOLVED, (address != null) ? address : NONE);
		return address;
	}

	private InetAddress resolveNow(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		return resolve(remote, () -> exchange.getRequest().getHeaders().getValuesAsList("X-Forwarded-For"));
	}

	/**
	 * The client's address from the connection's peer and, when that is a trusted proxy,
	 * the {@code X-Forwarded-For} entries (each header's comma-separated values, in
	 * order); null when the connection has none. For routes served outside WebFlux.
	 */
	public InetAddress resolve(InetSocketAddress remote, Supplier<List<String>> forwardedFor) {
		if (remote == null || remote.getAddress() == null) {
			return null;
		}
		InetAddress client = remote.getAddress();
		if (!trusted(client)) {
			return client;
		}
		List<String> forwarded = forwardedFor.get();
		for (int i = forwarded.size() - 1; i >= 0; i--) {
			InetAddress hop = literal(forwarded.get(i));
			if (hop == null) {
				// Written by a proxy we trusted, yet unreadable: keep the last hop we can
				// vouch for.
				return client;
			}
			client = hop;
			if (!trusted(hop)) {
				return hop;
			}
		}
		return client;
	}

	private boolean trusted(InetAddress address) {
		for (Block block : this.trustedProxies) {
			if (block.contains(address)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * An IP literal ({@code 203.0.113.7}, {@code 2001:db8::1}, {@code [::1]}, an IPv4
	 * address with a port), or null. Never asks DNS: a name is not an address here.
	 */
	public static InetAddress literal(String text) {
		if (text == null) {
			return null;
		}
		String candidate = text.strip();
		Matcher v4 = IPV4.matcher(candidate);
		try {
			if (v4.matches()) {
				byte[] bytes = new byte[4];
				for (int i = 0; i < 4; i++) {
					int part = Integer.parseInt(v4.group(i + 1));
					if (part > 255) {
						return null;
					}
					bytes[i] = (byte) part;
				}
				return InetAddress.getByAddress(bytes);
			}
			if (candidate.startsWith("[") && candidate.endsWith("]")) {
				candidate = candidate.substring(1, candidate.length() - 1);
			}
			if (candidate.indexOf(':') >= 0 && IPV6.matcher(candidate).matches()) {
				// With a colon and only hex digits, the JDK parses a literal and never
				// resolves.
				return InetAddress.getByName(candidate);
			}
		}
		catch (UnknownHostException ex) {
			return null;
		}
		return null;
	}

	/**
	 * A CIDR block ({@code 10.0.0.0/8}, {@code 2001:db8::/32}); a bare address is a block
	 * of one.
	 */
	public record Block(InetAddress network, int prefixLength) {

		public Block {
			int bits = network.getAddress().length * 8;
			if (prefixLength < 0 || prefixLength > bits) {
				throw new IllegalArgumentException("Prefix length " + prefixLength + " out of range for " + network);
			}
		}

		public static Block parse(String text) {
			String trimmed = text.strip();
			int slash = trimmed.indexOf('/');
			InetAddress address = literal((slash < 0) ? trimmed : trimmed.substring(0, slash));
			if (address == null) {
				throw new IllegalArgumentException("Not an address or CIDR block: " + text);
			}
			int bits = address.getAddress().length * 8;
			int prefix = (slash < 0) ? bits : Integer.parseInt(trimmed.substring(slash + 1).strip());
			return new Block(address, prefix);
		}

		public boolean contains(InetAddress address) {
			byte[] mine = this.network.getAddress();
			byte[] theirs = address.getAddress();
			if (mine.length != theirs.length) {
				return false;
			}
			int full = this.prefixLength / 8;
			for (int i = 0; i < full; i++) {
				if (mine[i] != theirs[i]) {
					return false;
				}
			}
			int rest = this.prefixLength % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xFF << (8 - rest)) & 0xFF;
			return (mine[full] & mask) == (theirs[full] & mask);
		}

	}

	/**
	 * {@code portal.web.trusted-proxies}: CIDR blocks of the reverse proxies whose
	 * {@code X-Forwarded-For} is believed. Empty by default: nothing forwarded is
	 * believed.
	 */
	@ConfigurationProperties("portal.web")
	public record Settings(@DefaultValue List<String> trustedProxies) {

		public Settings {
			trustedProxies = List.copyOf(trustedProxies);
		}

	}

}
