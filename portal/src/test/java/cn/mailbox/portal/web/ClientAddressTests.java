package cn.mailbox.portal.web;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientAddressTests {

	private final ClientAddress behindProxy = new ClientAddress(
			new ClientAddress.Settings(List.of("10.0.0.0/8", "2001:db8:ffff::/48")));

	@Test
	void usesThePeerWhenNoProxyIsTrusted() {
		ClientAddress direct = new ClientAddress(new ClientAddress.Settings(List.of()));
		assertThat(direct.of(request("10.0.0.5", "198.51.100.7"))).isEqualTo("10.0.0.5");
	}

	@Test
	void ignoresForwardedForFromAnUntrustedPeer() {
		assertThat(this.behindProxy.of(request("203.0.113.9", "198.51.100.7"))).isEqualTo("203.0.113.9");
	}

	@Test
	void takesTheRightMostUntrustedEntryBehindATrustedProxy() {
		assertThat(this.behindProxy.of(request("10.0.0.5", "1.2.3.4, 198.51.100.7, 10.0.0.9")))
			.isEqualTo("198.51.100.7");
		assertThat(this.behindProxy.of(request("10.0.0.5", "1.2.3.4", "198.51.100.7"))).isEqualTo("198.51.100.7");
	}

	@Test
	void neverBelievesWhatTheClientWroteLeftOfItsOwnAddress() {
		assertThat(this.behindProxy.of(request("10.0.0.5", "10.0.0.1, 198.51.100.7"))).isEqualTo("198.51.100.7");
	}

	@Test
	void readsIpv6AndBracketsAndPorts() {
		assertThat(this.behindProxy.of(request("10.0.0.5", "[2001:db8::7]"))).isEqualTo("2001:db8:0:0:0:0:0:7");
		assertThat(this.behindProxy.of(request("10.0.0.5", "198.51.100.7:51234"))).isEqualTo("198.51.100.7");
	}

	@Test
	void keepsTheLastTrustedHopWhenAnEntryIsUnreadable() {
		assertThat(this.behindProxy.of(request("10.0.0.5", "evil.example, 10.0.0.9"))).isEqualTo("10.0.0.9");
		assertThat(this.behindProxy.of(request("10.0.0.5", "unknown"))).isEqualTo("10.0.0.5");
	}

	@Test
	void readsOnlyLiteralsNeverNames() {
		assertThat(ClientAddress.literal("localhost")).isNull();
		assertThat(ClientAddress.literal("abc")).isNull();
		assertThat(ClientAddress.literal("256.1.1.1")).isNull();
		assertThat(ClientAddress.literal("::ffff:198.51.100.7").getHostAddress()).isEqualTo("198.51.100.7");
	}

	@Test
	void matchesCidrBlocks() {
		assertThat(ClientAddress.Block.parse("198.51.100.0/22").contains(ClientAddress.literal("198.51.103.255")))
			.isTrue();
		assertThat(ClientAddress.Block.parse("198.51.100.0/22").contains(ClientAddress.literal("198.51.104.0")))
			.isFalse();
		assertThat(ClientAddress.Block.parse("::1").contains(ClientAddress.literal("::1"))).isTrue();
		assertThat(ClientAddress.Block.parse("0.0.0.0/0").contains(ClientAddress.literal("::1"))).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> ClientAddress.Block.parse("10.0.0.0/33"));
		assertThatIllegalArgumentException().isThrownBy(() -> ClientAddress.Block.parse("intranet"));
	}

	@Test
	void worksTheAddressOutOncePerExchange() {
		MockServerWebExchange exchange = request("10.0.0.5", "1.2.3.4, 198.51.100.7, 10.0.0.9");
		java.net.InetAddress first = this.behindProxy.resolve(exchange);
		assertThat(this.behindProxy.resolve(exchange)).isSameAs(first);
		assertThat(this.behindProxy.of(exchange)).isEqualTo("198.51.100.7");
		MockServerWebExchange none = MockServerWebExchange.from(MockServerHttpRequest.get("/"));
		assertThat(this.behindProxy.resolve(none)).isNull();
		assertThat(this.behindProxy.resolve(none)).isNull();
	}

	private static MockServerWebExchange request(String peer, String... forwardedFor) {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/")
			.remoteAddress(new java.net.InetSocketAddress(ClientAddress.literal(peer), 40000));
		for (String value : forwardedFor) {
			request.header("X-Forwarded-For", value);
		}
		return MockServerWebExchange.from(request);
	}

}
