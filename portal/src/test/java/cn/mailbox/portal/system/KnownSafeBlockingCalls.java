package cn.mailbox.portal.system;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Calls BlockHound sees as blocking that cannot block in practice, each with its reason.
 * Every entry here is a library's, never ours: our own code must pass BlockHound
 * untouched.
 */
public class KnownSafeBlockingCalls implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		// The PostgreSQL driver's SCRAM handshake draws a nonce from SecureRandom, which
		// reads
		// /dev/urandom: a file read to BlockHound, but one that never waits.
		builder.allowBlockingCallsInside("com.ongres.scram.common.ScramFunctions", "nonce");
	}

}
