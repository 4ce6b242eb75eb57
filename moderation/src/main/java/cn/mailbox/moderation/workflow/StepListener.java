package cn.mailbox.moderation.workflow;

import reactor.core.publisher.Mono;

/**
 * Work that must happen in the same transaction as a workflow step, such as publishing a
 * disclosed letter: if it fails, the step fails and nothing changes.
 */
public interface StepListener {

	Mono<Void> afterStep(long letterId, String trackingNumber, Transition transition);

}
