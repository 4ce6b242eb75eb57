package cn.mailbox.site.pages;

/**
 * A 64-bit FNV-1a digest, for telling whether a page's inputs changed. Not for security:
 * only to skip rewriting files that would come out the same.
 */
public final class Digest {

	private long hash = 0xcbf29ce484222325L;

	public Digest add(String text) {
		if (text == null) {
			return add(0x5bd1e995L);
		}
		for (int i = 0; i < text.length(); i++) {
			this.hash = (this.hash ^ text.charAt(i)) * 0x100000001b3L;
		}
		this.hash = (this.hash ^ 0xff) * 0x100000001b3L;
		return this;
	}

	public Digest add(long value) {
		for (int i = 0; i < 8; i++) {
			this.hash = (this.hash ^ ((value >>> (i * 8)) & 0xff)) * 0x100000001b3L;
		}
		return this;
	}

	public long value() {
		return this.hash;
	}

}
