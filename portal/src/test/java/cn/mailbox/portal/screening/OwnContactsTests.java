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

	/**
	 * A letter that gives the writer's number. (The earlier test used a one-line letter,
	 * "我叫周九，电话…。西山区紫薇小区停水三天，无人通知。"; the model of 2026-11-22 quarantines that one with or
	 * without the number, since "，无人通知。" reads like an SMS notice: portal/README.md lists
	 * it under known weaknesses.)
	 */
	@Test
	void aLongerLetterGivingTheWritersOwnPhoneIsNotQuarantined() {
		String body = "我叫周九，电话13900139000。我们西山区紫薇小区从周一开始停水，到今天已经三天了，物业和自来水公司都没有提前通知，"
				+ "楼里很多老人要下楼去提水，请有关部门尽快恢复供水，并说明停水原因。";
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
