package cn.mailbox.portal.publicsite;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.UriUtils;

import cn.mailbox.site.generator.SiteGenerator;

/**
 * Serves the generated static site at {@code /site/}. A path is decoded once, refused
 * (404) when any segment is empty-dotted ({@code .}, {@code ..}, a hidden file such as
 * the manifest) or holds a backslash or NUL, and the file it names must still lie inside
 * the site folder after following links; a folder answers its {@code index.html}. Files
 * are looked up on Reactor's bounded scheduler and streamed with asynchronous file reads,
 * so no event-loop thread touches the disk.
 */
@Configuration(proxyBeanMethods = false)
class SiteFolderRoutes {

	private static final Map<String, MediaType> TYPES = Map.of("html",
			MediaType.parseMediaType("text/html;charset=UTF-8"), "css",
			MediaType.parseMediaType("text/css;charset=UTF-8"), "js",
			MediaType.parseMediaType("text/javascript;charset=UTF-8"), "xml",
			MediaType.parseMediaType("application/xml;charset=UTF-8"), "atom",
			MediaType.parseMediaType("application/atom+xml;charset=UTF-8"), "json",
			MediaType.parseMediaType("application/json;charset=UTF-8"), "ndjson",
			MediaType.parseMediaType("application/x-ndjson;charset=UTF-8"), "csv",
			MediaType.parseMediaType("text/csv;charset=UTF-8"), "txt",
			MediaType.parseMediaType("text/plain;charset=UTF-8"));

	@Bean
	RouterFunction<ServerResponse> siteFolder(SiteGenerator generator) {
		return RouterFunctions.route()
			.GET("/site", (request) -> ServerResponse.permanentRedirect(URI.create("/site/")).build())
			.GET("/site/**", (request) -> serve(generator.root(), request))
			.build();
	}

	private static Mono<ServerResponse> serve(Path root, ServerRequest request) {
		String raw = request.requestPath().pathWithinApplication().value().substring("/site/".length());
		String path = UriUtils.decode(raw, StandardCharsets.UTF_8);
		if (!acceptable(path)) {
			return ServerResponse.notFound().build();
		}
		return Mono.fromCallable(() -> locate(root, path))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((found) -> ServerResponse.ok()
				.contentType(type(found.path()))
				.contentLength(found.size())
				.cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic())
				.header("X-Content-Type-Options", "nosniff")
				.body(BodyInserters.fromDataBuffers(
						DataBufferUtils.read(found.path(), DefaultDataBufferFactory.sharedInstance, 1 << 16)
							.subscribeOn(Schedulers.boundedElastic()))))
			.switchIfEmpty(ServerResponse.notFound().build());
	}

	static boolean acceptable(String path) {
		if (path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0 || path.startsWith("/")) {
			return false;
		}
		if (path.isEmpty()) {
			return true;
		}
		for (String segment : path.split("/", -1)) {
			if (segment.startsWith(".")) {
				return false;
			}
		}
		return true;
	}

	/** The file, or {@code null} (empty) when there is none inside the site. */
	private static FileAndSize locate(Path root, String path) throws IOException {
		if (!Files.exists(root)) {
			return null;
		}
		Path base = root.toRealPath();
		Path target = base.resolve(path).normalize();
		if (!target.startsWith(base)) {
			return null;
		}
		if (Files.isDirectory(target)) {
			target = target.resolve("index.html");
		}
		if (!Files.isRegularFile(target)) {
			return null;
		}
		Path real = target.toRealPath();
		return real.startsWith(base) ? new FileAndSize(real, Files.size(real)) : null;
	}

	private record FileAndSize(Path path, long size) {
	}

	private static MediaType type(Path file) {
		String name = file.getFileName().toString();
		int dot = name.lastIndexOf('.');
		MediaType type = (dot >= 0) ? TYPES.get(name.substring(dot + 1)) : null;
		return (type != null) ? type : MediaType.APPLICATION_OCTET_STREAM;
	}

}
