package cn.mailbox.portal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The event loops the portal asks Reactor Netty for before it starts. */
class PortalApplicationTests {

	private String before;

	@BeforeEach
	void remember() {
		this.before = System.getProperty(PortalApplication.EVENT_LOOPS);
	}

	@AfterEach
	void restore() {
		if (this.before == null) {
			System.clearProperty(PortalApplication.EVENT_LOOPS);
		}
		else {
			System.setProperty(PortalApplication.EVENT_LOOPS, this.before);
		}
	}

	@Test
	void asksForOneEventLoopPerCore() {
		System.clearProperty(PortalApplication.EVENT_LOOPS);
		PortalApplication.oneEventLoopPerCore();
		assertThat(System.getProperty(PortalApplication.EVENT_LOOPS))
			.isEqualTo(Integer.toString(Runtime.getRuntime().availableProcessors()));
	}

	@Test
	void keepsAnOperatorsOwnSetting() {
		System.setProperty(PortalApplication.EVENT_LOOPS, "7");
		PortalApplication.oneEventLoopPerCore();
		assertThat(System.getProperty(PortalApplication.EVENT_LOOPS)).isEqualTo("7");
	}

}
