package cn.mailbox.portal.system;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import cn.mailbox.moderation.disclosure.RedactionPreview;
import cn.mailbox.moderation.redaction.Redactor;
import cn.mailbox.publication.PublicRecord;
import cn.mailbox.publication.Publisher;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The private letter and public output are kept apart by module boundaries and types, not
 * only by care: what publishes cannot reach private data, and only the two places that
 * redact may build or publish a public record.
 */
class SeparationTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("cn.mailbox");

	@Test
	void publicationSearchAndTheStaticSiteNeverSeeTheModerationModuleOrThePortal() {
		noClasses().that()
			.resideInAnyPackage("cn.mailbox.publication..", "cn.mailbox.search..", "cn.mailbox.site..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("cn.mailbox.moderation..", "cn.mailbox.portal..")
			.check(CLASSES);
	}

	@Test
	void onlyDisclosureAndTheArchiveImportBuildOrPublishPublicRecords() {
		// The static site's renderer builds one made-up record to warm its templates at
		// start-up; it can render records but never publish them.
		noClasses().that()
			.resideOutsideOfPackages("cn.mailbox.publication..", "cn.mailbox.moderation.disclosure",
					"cn.mailbox.portal.archive", "cn.mailbox.site.pages")
			.should()
			.callConstructor(PublicRecord.class, String.class, String.class, String.class, String.class, String.class,
					java.util.List.class, String.class, String.class, String.class, java.time.Instant.class,
					java.time.Instant.class, java.time.Instant.class, java.time.Instant.class, java.time.Instant.class,
					int.class, int.class, boolean.class, int.class, int.class)
			.check(CLASSES);
		noClasses().that()
			.resideOutsideOfPackages("cn.mailbox.publication..", "cn.mailbox.moderation.disclosure",
					"cn.mailbox.portal.archive")
			.should()
			.callMethod(Publisher.class, "publish", PublicRecord.class)
			.orShould()
			.callMethod(Publisher.class, "publishAll", java.util.List.class)
			.check(CLASSES);
	}

	@Test
	void disclosureGetsItsTextFromTheReviewAlreadyRedacted() {
		// Disclosure must not redact (or read) on its own: the reviewed spans and the
		// writer's deny list are applied in RedactionProposals only.
		noClasses().that()
			.haveFullyQualifiedName("cn.mailbox.moderation.disclosure.Disclosure")
			.should()
			.dependOnClassesThat()
			.belongToAnyOf(Redactor.class)
			.check(CLASSES);
		noClasses().that()
			.resideOutsideOfPackage("cn.mailbox.moderation.disclosure")
			.should()
			.callConstructor(RedactionPreview.class, String.class, String.class, String.class)
			.check(CLASSES);
	}

}
