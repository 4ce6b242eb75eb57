package cn.mailbox.portal.screening;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * (Re)writes the shipped model {@code src/main/resources/screening/spam-model.bin} from
 * all of the SMS set (spam and ham) and every tipdm2020c letter (ham).
 *
 * <pre>
 * ./mvnw -B -Pevaluate -pl portal -am test -Dtest=SpamModelTraining -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class SpamModelTraining {

	static final int BUCKET_BITS = 18;

	@Test
	void writesTheShippedModel() throws Exception {
		Path folder = SharedData.folder(SpamModelTraining.class);
		SpamClassifier model = train(SharedData.sms(folder), SharedData.letters(folder));
		Path target = Path.of(System.getProperty("basedir", "."))
			.resolve("src/main/resources" + SpamClassifier.SHIPPED_MODEL);
		try (OutputStream out = Files.newOutputStream(target)) {
			model.writeTo(out);
		}
		long[] documents = model.documentCounts();
		System.out.printf("Wrote %s: %d bytes, %d ham and %d spam documents%n", target.toAbsolutePath(),
				Files.size(target), documents[0], documents[1]);
	}

	static SpamClassifier train(List<SharedData.Sms> sms, List<SharedData.Letter> letters) {
		SpamClassifier model = SpamClassifier.empty(BUCKET_BITS);
		sms.forEach(row -> model.learn(row.text(), row.spam()));
		letters.forEach(letter -> model.learn(letter.text(), false));
		return model;
	}

}
