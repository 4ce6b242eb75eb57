package cn.mailbox.portal.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The private access code a citizen gets with a tracking number: 12 characters of
 * Crockford's base32 (60 random bits), shown as {@code 7KQ2-M9XD-4HTP}. No 0/O or 1/I/L
 * confusion: typed codes are normalised before hashing. Only the SHA-256 of the
 * normalised code is stored; 60 bits of randomness make the fast hash safe against
 * offline guessing, and lookups are rate limited.
 */
public final class AccessCodes {

	private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

	private static final int LENGTH = 12;

	// DRBG: seeded once, then pure computation, so generating a code never waits on an
	// entropy device.
	private static final SecureRandom random = seededDrbg();

	private AccessCodes() {
	}

	public static String generate() {
		byte[] bytes = new byte[LENGTH];
		random.nextBytes(bytes);
		return format(bytes);
	}

	/**
	 * A code derived from a secret and the client's Idempotency-Key: a retried submission
	 * can be answered with the same code without the code ever being stored.
	 */
	public static String derive(byte[] secret, String idempotencyKey) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret, "HmacSHA256"));
			return format(mac.doFinal(("access-code:" + idempotencyKey).getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static byte[] hash(String code) {
		return sha256(normalise(code));
	}

	public static boolean matches(String typed, byte[] storedHash) {
		return typed != null && typed.length() <= 64 && MessageDigest.isEqual(hash(typed), storedHash);
	}

	static String normalise(String code) {
		StringBuilder normalised = new StringBuilder(LENGTH);
		for (char c : code.toUpperCase(Locale.ROOT).toCharArray()) {
			switch (c) {
				case 'O' -> normalised.append('0');
				case 'I', 'L' -> normalised.append('1');
				case '-', ' ' -> {
				}
				default -> normalised.append(c);
			}
		}
		return normalised.toString();
	}

	static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String format(byte[] bytes) {
		StringBuilder code = new StringBuilder(LENGTH + 2);
		for (int i = 0; i < LENGTH; i++) {
			if (i > 0 && i % 4 == 0) {
				code.append('-');
			}
			code.append(ALPHABET[(bytes[i] & 0xff) % 32]);
		}
		return code.toString();
	}

	private static SecureRandom seededDrbg() {
		SecureRandom drbg;
		try {
			drbg = SecureRandom.getInstance("DRBG");
		}
		catch (NoSuchAlgorithmException ex) {
			drbg = new SecureRandom();
		}
		drbg.nextBytes(new byte[LENGTH]);
		return drbg;
	}

}
