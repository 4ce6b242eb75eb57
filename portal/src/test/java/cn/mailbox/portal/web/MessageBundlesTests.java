package cn.mailbox.portal.web;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every key in both languages, and every literal key a template uses exists (petclinic's
 * sync test).
 */
class MessageBundlesTests {

	private static final Pattern KEY = Pattern.compile("#\\{([a-zA-Z0-9_.\\-]+)[}(]");

	@Test
	void bothLanguagesHaveTheSameKeys() throws IOException {
		assertThat(keys("messages_en.properties")).isEqualTo(keys("messages.properties"));
		assertThat(keys("console-messages_en.properties")).isEqualTo(keys("console-messages.properties"));
	}

	@Test
	void everyKeyATemplateUsesExists() throws IOException {
		Set<String> known = keys("messages.properties");
		known.addAll(keys("console-messages.properties"));
		Set<String> missing = new TreeSet<>();
		try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
			for (Path template : templates.filter((p) -> p.toString().endsWith(".html")).toList()) {
				Matcher matcher = KEY.matcher(Files.readString(template));
				while (matcher.find()) {
					if (!known.contains(matcher.group(1))) {
						missing.add(template.getFileName() + ": " + matcher.group(1));
					}
				}
			}
		}
		assertThat(missing).isEmpty();
	}

	private static Set<String> keys(String bundle) throws IOException {
		Properties properties = new Properties();
		try (var in = new InputStreamReader(Files.newInputStream(Path.of("src/main/resources", bundle)),
				StandardCharsets.UTF_8)) {
			properties.load(in);
		}
		return new HashSet<>(properties.stringPropertyNames());
	}

}
