package cn.mailbox.portal.web;

import java.net.InetSocketAddress;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The address a request came from, as recorded with a letter for abuse handling (never
 * public). Forwarded headers are not trusted here: a proxy allow-list comes with rate
 * limiting.
 */
@Component
public class ClientAddress {

	public String of(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		if (remote == null || remote.getAddress() == null) {
			return null;
		}
		return remote.getAddress().getHostAddress();
	}

}
