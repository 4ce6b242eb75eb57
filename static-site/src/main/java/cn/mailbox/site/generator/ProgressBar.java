package cn.mailbox.site.generator;

import java.io.PrintStream;

/**
 * A text progress bar for the rebuild command: redrawn in place at each whole percent.
 */
final class ProgressBar implements SiteGenerator.Progress {

	private static final int WIDTH = 40;

	private final PrintStream out;

	private long shown = -1;

	ProgressBar(PrintStream out) {
		this.out = out;
	}

	@Override
	public void update(long done, long total) {
		long percent = (total == 0) ? 100 : done * 100 / total;
		if (percent == this.shown && done != total) {
			return;
		}
		this.shown = percent;
		int filled = (int) (percent * WIDTH / 100);
		this.out.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + "% " + done + "/"
				+ total + " files");
		if (done == total) {
			this.out.println();
		}
		this.out.flush();
	}

}
