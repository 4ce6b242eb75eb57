package cn.mailbox.portal.ratelimit;

/**
 * Names one bucket: which action, counted over what, for whom ({@code submit}, network,
 * {@code 203.0.113.0/24}). Contacts are hashed before they become a key, so no phone
 * number or e-mail address is kept by the limiter.
 */
public record BucketKey(String action, Scope scope, String subject) {

	/** What a bucket counts over. */
	public enum Scope {

		ADDRESS, NETWORK, CONTACT, GLOBAL

	}

	@Override
	public String toString() {
		return this.action + ":" + this.scope.name().toLowerCase(java.util.Locale.ROOT) + ":" + this.subject;
	}

}
