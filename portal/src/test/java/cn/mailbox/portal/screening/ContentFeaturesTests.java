package cn.mailbox.portal.screening;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContentFeaturesTests {

	private static final WeightedTerms ADVERTISING = WeightedTerms.resource(SpamScreen.ADVERTISING_TERMS);

	private static ContentFeatures features(String text) {
		return ContentFeatures.of(TextNormalization.forClassifier(text), ADVERTISING);
	}

	@Test
	void countsUrlsAndBareDomains() {
		assertThat(features("详见 https://example.com/a?b=1 和 www.foo.cn 以及 shop.xyz").links()).isEqualTo(3);
		assertThat(features("小区门口的路灯坏了").links()).isZero();
	}

	@Test
	void countsPhonesQqWechatAndEmail() {
		ContentFeatures features = features(
				"电话13912345678，座机0731-84445555，QQ:12345678，微信 abc_12345，邮箱 a.b@example.com");
		assertThat(features.contacts()).isEqualTo(5);
		assertThat(features.contactsPer100Chars()).isGreaterThan(5);
	}

	@Test
	void measuresContactDensityPerHundredCharacters() {
		String longLetter = "我们小区的路灯坏了很久，晚上出行很不方便，老人孩子摔倒过好几次。".repeat(5) + "我的电话13912345678。";
		assertThat(features(longLetter).contactsPer100Chars()).isLessThan(1.5);
	}

	@Test
	void findsRepeatedLettersButNotMaskedDigitsOrPunctuation() {
		assertThat(features("啊啊啊啊啊啊啊啊快来").longestRun()).isEqualTo(8);
		assertThat(features("电话00000000000！！！！！！").longestRun()).isLessThan(2);
	}

	@Test
	void recognisesKeyboardMashingAsGibberish() {
		assertThat(features("sdfghjkl qwrtzxcvb mnbvcxz lkjhgfds").gibberish()).isTrue();
		assertThat(features("The street lights near our building have been broken for months").gibberish()).isFalse();
		assertThat(features("小区门口的路灯坏了 wifi").gibberish()).isFalse();
	}

	@Test
	void findsAdvertisingVocabularyWithWeights() {
		ContentFeatures features = features("即日起全场低至5折，回复TD退订");
		assertThat(features.advertisingTerms()).containsKeys("即日起", "全场", "低至", "回复td退订");
		assertThat(features.advertisingWeight()).isGreaterThan(6);
		assertThat(features("我家楼下的路灯坏了").advertisingTerms()).isEmpty();
	}

}
