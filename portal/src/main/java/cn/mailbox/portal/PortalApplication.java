package cn.mailbox.portal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication(scanBasePackages = "cn.mailbox")
public class PortalApplication {

	/**
	 * Reactor Netty's setting for the number of event-loop threads of each loop group.
	 */
	static final String EVENT_LOOPS = "reactor.netty.ioWorkerCount";

	public static void main(String[] args) {
		oneEventLoopPerCore();
		SpringApplication.run(PortalApplication.class, args);
	}

	/**
	 * Reactor Netty runs at least four event loops for HTTP and as many for the database
	 * connections, whatever the number of cores. On the two-core machines a city mailbox
	 * runs on, the loops took turns on the cores: one loop per core served 5 % more
	 * submissions a second under load (load-tests/README.md, session 8). An operator's
	 * own {@code -Dreactor.netty.ioWorkerCount} wins.
	 */
	static void oneEventLoopPerCore() {
		if (System.getProperty(EVENT_LOOPS) == null) {
			System.setProperty(EVENT_LOOPS, Integer.toString(Runtime.getRuntime().availableProcessors()));
		}
	}

}
