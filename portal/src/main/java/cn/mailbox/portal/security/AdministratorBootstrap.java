package cn.mailbox.portal.security;

import java.security.SecureRandom;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * On first start with no staff at all, creates the administrator {@code admin}: with the
 * password from {@code PORTAL_ADMIN_PASSWORD} ({@code portal.admin-password}), or a
 * generated one printed to the log this once (api.md). Later starts leave accounts alone.
 */
@Component
class AdministratorBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdministratorBootstrap.class);

	private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	private final StaffAccounts accounts;

	private final String configuredPassword;

	AdministratorBootstrap(StaffAccounts accounts,
			@Value("${PORTAL_ADMIN_PASSWORD:${portal.admin-password:}}") String configuredPassword) {
		this.accounts = accounts;
		this.configuredPassword = configuredPassword;
	}

	@Override
	public void run(ApplicationArguments args) {
		boolean generated = !StringUtils.hasText(this.configuredPassword);
		String password = generated ? generate() : this.configuredPassword;
		// Start-up on the main thread, before the portal takes traffic: waiting here is
		// intended.
		Boolean created = this.accounts.count()
			.filter((count) -> count == 0)
			.flatMap((none) -> this.accounts.create("admin", password, List.of("admin"), null))
			.defaultIfEmpty(false)
			.block();
		if (Boolean.TRUE.equals(created)) {
			if (generated) {
				log.warn("Created the administrator account 'admin' with the generated password: {}"
						+ "  (shown only this once; set PORTAL_ADMIN_PASSWORD to choose it)", password);
			}
			else {
				log.info("Created the administrator account 'admin' with the password from PORTAL_ADMIN_PASSWORD");
			}
		}
	}

	private static String generate() {
		SecureRandom random = new SecureRandom();
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 20; i++) {
			password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}

}
