package cn.mailbox.portal.screening;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OwnContactsTests {

	private static final SpamScreen SCREEN = SpamScreen.withShippedModel(SpamSettings.DEFAULTS);

	@Test
	void removesTheWritersOwnPhoneInAnyGroupingAndTheirEmailInAnyCase() {
		String text = "电话13900139000，或139-0013-9000，或 139 0013 9000；邮箱 Zhou.Jiu@Example.com";
		String cleaned = OwnContacts.remove(text, "139 0013 9000", "zhou.jiu@example.com");
		assertThat(cleaned).doesNotContain("139").doesNotContainIgnoringCase("zhou.jiu@example.com");
	}

	@Test
	void keepsNumbersThatAreNotTheWritersOwn() {
		String text = "请致电4006002923，或拨打113900139000";
		assertThat(OwnContacts.remove(text, "13900139000", null)).isEqualTo(text);
	}

	@Test
	void aShortLetterGivingTheWritersOwnPhoneIsNotQuarantined() {
		String body = "我叫周九，电话13900139000。西山区紫薇小区停水三天，无人通知。";
		ScreeningVerdict verdict = SCREEN.screen("小区停水三天", OwnContacts.remove(body, "13900139000", null),
				FormSignals.NONE);
		assertThat(verdict.quarantined()).as("score %s", verdict.spamScore()).isFalse();
	}

	@Test
	void anAdvertIsStillQuarantinedWhenItsSenderGaveANumber() {
		String advert = "【优惠】本店开业大酬宾，全场五折，办证刻章发票代开，详询4006002923，回T退订";
		ScreeningVerdict verdict = SCREEN.screen("开业大酬宾", OwnContacts.remove(advert, "13900139000", null),
				FormSignals.NONE);
		assertThat(verdict.quarantined()).as("score %s", verdict.spamScore()).isTrue();
	}

}
