package cn.mailbox.portal.system;

import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
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
		// reads /dev/urandom: a file read to BlockHound, but one that never waits.
		builder.allowBlockingCallsInside("com.ongres.scram.common.ScramFunctions", "nonce");
		// Netty's own buffer allocator, on Netty's own event loops: when a read needs a
		// bigger buffer (a large result set, here the start-up rebuild reading 500
		// letters' texts) it may add a magazine and retire the old one under a stamped
		// write lock that allocating threads hold only for a pointer bump. BlockHound
		// saw the park and failed the driver's read, which broke the connection mid-query
		// and left its transaction open.
		builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
		// Logback's appenders serialise writers with a lock held for one line: a log line
		// from an event loop waits for another thread's line, never for I/O of its own
		// making. Under a loaded CI machine two loops logging at once (the hostile-input
		// tests log every refused request) made BlockHound fail whichever was second.
		builder.allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "writeBytes");
		// Jackson builds the deserializer of a type once, on first use, under a lock; two
		// event loops decoding the same new type at the same moment (the test client
		// reading concurrent 201 answers as maps) make the second wait for the first's
		// construction, never for I/O. BlockHound failed the waiting one, which closed
		// its
		// connection and lost the answer in GroupCommitIntegrationTests on a loaded run.
		builder.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache",
				"_createAndCacheValueDeserializer");
		// A BlockHound error can be swallowed by the pipeline it breaks, and a request
		// then simply never answers. Print every detection with its stack, so the test
		// log says where instead of a timeout somewhere else.
		builder.blockingMethodCallback((method) -> {
			new IllegalStateException("BlockHound: " + method + " on " + Thread.currentThread().getName())
				.printStackTrace(System.out);
			throw new BlockingOperationError(method);
		});
	}

}
