package cn.mailbox.portal.tracking;

/** Feedback rates a reply: there is none yet, or the citizen has already rated it. */
public class FeedbackNotPossible extends RuntimeException {

	private final boolean noReplyYet;

	FeedbackNotPossible(boolean noReplyYet) {
		super(noReplyYet ? "no reply yet" : "already rated", null, false, false);
		this.noReplyYet = noReplyYet;
	}

	public String messageCode() {
		return this.noReplyYet ? "feedback.noReplyYet" : "feedback.alreadyGiven";
	}

}
