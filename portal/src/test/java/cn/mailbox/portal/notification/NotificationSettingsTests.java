package cn.mailbox.portal.notification;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class NotificationSettingsTests {

	private final NotificationSettings settings = new NotificationSettings("noreply@example.cn", "",
			Duration.ofSeconds(30), Duration.ofSeconds(30), 20, Duration.ofMinutes(5), Duration.ofMinutes(1),
			Duration.ofHours(6), 20, 2);

	@Test
	void doublesTheWaitAfterEachFailureUpToTheCap() {
		assertThat(this.settings.backoffAfter(1)).isEqualTo(Duration.ofMinutes(1));
		assertThat(this.settings.backoffAfter(2)).isEqualTo(Duration.ofMinutes(2));
		assertThat(this.settings.backoffAfter(9)).isEqualTo(Duration.ofMinutes(256));
		assertThat(this.settings.backoffAfter(10)).isEqualTo(Duration.ofHours(6));
		assertThat(this.settings.backoffAfter(1000)).isEqualTo(Duration.ofHours(6));
	}

	@Test
	void refusesACapShorterThanTheFirstWait() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new NotificationSettings("a@b.cn", "", Duration.ofSeconds(30), Duration.ofSeconds(30), 20,
					Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofMinutes(1), 20, 2));
	}

	@Test
	void writesInEnglishOnlyForLettersWrittenInEnglish() {
		assertThat(NoticeTexts.locale("en")).isEqualTo(java.util.Locale.ENGLISH);
		assertThat(NoticeTexts.locale("en-GB")).isEqualTo(java.util.Locale.ENGLISH);
		assertThat(NoticeTexts.locale("zh-CN")).isEqualTo(java.util.Locale.SIMPLIFIED_CHINESE);
		assertThat(NoticeTexts.locale("fr")).isEqualTo(java.util.Locale.SIMPLIFIED_CHINESE);
		assertThat(NoticeTexts.locale(null)).isEqualTo(java.util.Locale.SIMPLIFIED_CHINESE);
	}

}
