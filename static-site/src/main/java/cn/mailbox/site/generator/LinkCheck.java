package cn.mailbox.site.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks a generated site folder: every relative link of every HTML page, feed and
 * sitemap names a file inside the folder, and no link is absolute to the server
 * ({@code /...}) or to a local host. Used by the tests and usable on any copy of the
 * folder. Blocking.
 */
public final class LinkCheck {

	private static final Pattern LINK = Pattern.compile("(?:href|src|action)=\"([^\"]*)\"|<loc>([^<]*)</loc>");

	private LinkCheck() {
	}

	/**
	 * @param root the site folder
	 * @param allowedAbsolute an absolute URL prefix links may use (the configured search
	 * API), or {@code null}
	 * @return what is wrong, one line each (empty when the folder is sound)
	 */
	public static List<String> check(Path root, String allowedAbsolute) {
		Path base = real(root);
		List<String> problems = new ArrayList<>();
		try (Stream<Path> files = Files.walk(base)) {
			for (Path file : files.filter(LinkCheck::linking).toList()) {
				String text = Files.readString(file, StandardCharsets.UTF_8);
				if (text.contains("http://localhost") || text.contains("https://localhost")
						|| text.contains("http://127.0.0.1")) {
					problems.add(base.relativize(file) + ": mentions a local host");
				}
				Matcher links = LINK.matcher(text);
				while (links.find()) {
					String link = (links.group(1) != null) ? links.group(1) : links.group(2);
					String problem = problem(base, file, link.replace("&amp;", "&"), allowedAbsolute);
					if (problem != null) {
						problems.add(base.relativize(file) + ": " + problem);
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return problems;
	}

	private static boolean linking(Path file) {
		String name = file.getFileName().toString();
		return Files.isRegularFile(file) && !name.startsWith(".")
				&& (name.endsWith(".html") || name.endsWith(".atom") || name.endsWith(".xml"));
	}

	private static String problem(Path base, Path file, String link, String allowedAbsolute) {
		if (link.isEmpty()) {
			return "empty link";
		}
		if (link.startsWith("#") || link.startsWith("mailto:") || link.startsWith("http://www.w3.org/")
				|| link.startsWith("http://www.sitemaps.org/")) {
			return null;
		}
		if (allowedAbsolute != null && link.startsWith(allowedAbsolute)) {
			return null;
		}
		if (link.startsWith("/") || link.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
			return "absolute link " + link;
		}
		String path = link.replaceAll("[?#].*$", "");
		Path target = file.getParent().resolve(URLDecoder.decode(path, StandardCharsets.UTF_8)).normalize();
		if (!target.startsWith(base)) {
			return "link leaves the site: " + link;
		}
		if (!Files.isRegularFile(target)) {
			return "broken link " + link;
		}
		return null;
	}

	private static Path real(Path root) {
		try {
			return root.toRealPath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
