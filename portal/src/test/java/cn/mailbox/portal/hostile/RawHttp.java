package cn.mailbox.portal.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Sends exactly the bytes given over a plain socket: invalid UTF-8, NUL bytes, bare CR,
 * duplicate lengths, unencoded traversal, requests an HTTP client refuses to build. Reads
 * until the server closes the connection or a short timeout passes.
 */
final class RawHttp {

	private RawHttp() {
	}

	/** An answer: status 0 when the server closed without answering. */
	record Answer(int status, String head, byte[] body) {

		String bodyText() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

	static Answer send(int port, byte[] request) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
			socket.setSoTimeout(5_000);
			try {
				OutputStream out = socket.getOutputStream();
				out.write(request);
				out.flush();
			}
			catch (IOException ex) {
				// The server answered (413, 431...) and closed before reading everything.
			}
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			boolean head = request.length > 5 && new String(request, 0, 5, StandardCharsets.ISO_8859_1).equals("HEAD ");
			InputStream in = socket.getInputStream();
			byte[] buffer = new byte[8192];
			try {
				for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
					answer.write(buffer, 0, read);
					if (complete(answer.toByteArray(), head)) {
						break;
					}
				}
			}
			catch (SocketTimeoutException | java.net.SocketException ex) {
				// The server keeps the connection open or reset it: judge what arrived.
			}
			return parse(answer.toByteArray());
		}
		catch (IOException ex) {
			return new Answer(0, "", new byte[0]);
		}
	}

	/** A request of ASCII text with the given raw bytes spliced in at {@code %RAW%}. */
	static byte[] request(String template, byte[] raw) {
		String[] parts = template.split("%RAW%", -1);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int i = 0; i < parts.length; i++) {
			out.writeBytes(parts[i].getBytes(StandardCharsets.ISO_8859_1));
			if (i < parts.length - 1) {
				out.writeBytes(raw);
			}
		}
		return out.toByteArray();
	}

	private static boolean complete(byte[] all, boolean headRequest) {
		byte[] bytes = skipInterim(all);
		int end = headEnd(bytes);
		if (end < 0) {
			return false;
		}
		String head = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
		if (headRequest || head.startsWith("http/1.1 204") || head.startsWith("http/1.1 304")) {
			return true;
		}
		int at = head.indexOf("\ncontent-length:");
		if (at >= 0) {
			int lineEnd = head.indexOf('\r', at + 1);
			long length = Long.parseLong(head.substring(at + 16, (lineEnd < 0) ? head.length() : lineEnd).strip());
			return bytes.length - (end + 4) >= length;
		}
		if (head.contains("transfer-encoding: chunked") && bytes.length >= end + 9) {
			String tail = new String(bytes, bytes.length - 7, 7, StandardCharsets.ISO_8859_1);
			return tail.equals("\r\n0\r\n\r\n") || (bytes.length == end + 9 && tail.endsWith("0\r\n\r\n"));
		}
		return false;
	}

	private static int headEnd(byte[] bytes) {
		for (int i = 0; i + 3 < bytes.length; i++) {
			if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
				return i;
			}
		}
		return -1;
	}

	/** Drops {@code 100 Continue} and other interim answers before the final one. */
	private static byte[] skipInterim(byte[] bytes) {
		byte[] rest = bytes;
		while (rest.length > 12 && rest[9] == '1'
				&& new String(rest, 0, 5, StandardCharsets.ISO_8859_1).equals("HTTP/")) {
			int end = headEnd(rest);
			if (end < 0) {
				return rest;
			}
			rest = java.util.Arrays.copyOfRange(rest, end + 4, rest.length);
		}
		return rest;
	}

	private static Answer parse(byte[] all) {
		byte[] bytes = skipInterim(all);
		int end = headEnd(bytes);
		String head = new String(bytes, 0, (end < 0) ? bytes.length : end, StandardCharsets.ISO_8859_1);
		byte[] body = (end < 0) ? new byte[0] : java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
		if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
			body = dechunk(body);
		}
		int status = 0;
		if (head.startsWith("HTTP/1.") && head.length() >= 12) {
			status = Integer.parseInt(head.substring(9, 12));
		}
		return new Answer(status, head, body);
	}

	private static byte[] dechunk(byte[] chunked) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int at = 0;
		while (at < chunked.length) {
			int lineEnd = at;
			while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
				lineEnd++;
			}
			String sizeText = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).strip();
			int size;
			try {
				size = Integer.parseInt(sizeText.split(";")[0], 16);
			}
			catch (NumberFormatException ex) {
				return chunked;
			}
			if (size == 0) {
				break;
			}
			int start = lineEnd + 2;
			out.write(chunked, start, Math.min(size, chunked.length - start));
			at = start + size + 2;
		}
		return out.toByteArray();
	}

}
