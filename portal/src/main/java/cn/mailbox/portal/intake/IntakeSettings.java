package cn.mailbox.portal.intake;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a citizen may choose and how much they may write. Lists are codes; their labels
 * live in the message bundles ({@code field.environment=生态环境}) so every deployment can
 * rename them.
 */
@ConfigurationProperties("portal.intake")
public record IntakeSettings(@DefaultValue("100") int maxTitleLength, @DefaultValue("5000") int maxBodyLength,
		@DefaultValue("50") int maxNameLength, @DefaultValue("environment,other") List<String> fields,
		@DefaultValue("city") List<String> regions, @DefaultValue("mayor") List<String> mailboxes) {

	public IntakeSettings {
		fields = List.copyOf(fields);
		regions = List.copyOf(regions);
		mailboxes = List.copyOf(mailboxes);
	}

}
