package cn.mailbox.site.pages;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * File-name-safe names for codes (tracking numbers, units, natures). A code that is
 * already safe ASCII is kept as it is, so permalinks stay readable; anything else (a
 * Chinese unit name, a slash, {@code ..}) becomes {@code x-} and a hash, so no code can
 * name a file outside its folder.
 */
public final class Slugs {

	private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

	private Slugs() {
	}

	public static String of(String code) {
		if (SAFE.matcher(code).matches()) {
			return code;
		}
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8));
			return "x-" + HexFormat.of().formatHex(hash, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
