package cn.mailbox.portal.screening;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScopeScreenTests {

	private static final ScopeScreen SCREEN = ScopeScreen.withShippedKeywords();

	@Test
	void flagsMattersForOtherAuthorities() {
		assertThat(SCREEN.flags("举报村支书", "我要向纪委举报村支书违纪收受礼金")).contains(ScopeFlag.PARTY_DISCIPLINE);
		assertThat(SCREEN.flags("建议", "希望人大代表关注这个问题")).contains(ScopeFlag.PEOPLES_CONGRESS);
		assertThat(SCREEN.flags("提案", "请政协委员提一个提案")).contains(ScopeFlag.CPPCC);
		assertThat(SCREEN.flags("部队训练噪音", "附近部队每天早上训练声音很大")).contains(ScopeFlag.MILITARY);
		assertThat(SCREEN.flags("对判决不服", "法院的一审判决不公，我要上诉")).contains(ScopeFlag.JUDICIARY);
		assertThat(SCREEN.flags("转发文件", "附件是市政府办公厅印发的〔2024〕12号文件，密级：机密")).contains(ScopeFlag.OFFICIAL_DOCUMENT);
		assertThat(SCREEN.flags("狗官", "你们这些狗官都是王八蛋")).contains(ScopeFlag.MALICIOUS_ATTACK);
	}

	@Test
	void flagsEmptyAndMeaninglessContent() {
		assertThat(SCREEN.flags("", "")).containsExactly(ScopeFlag.EMPTY_OR_MEANINGLESS);
		assertThat(SCREEN.flags("？？？", "1234")).contains(ScopeFlag.EMPTY_OR_MEANINGLESS);
		assertThat(SCREEN.flags("啊", "啊啊啊啊啊啊啊啊啊啊啊")).contains(ScopeFlag.EMPTY_OR_MEANINGLESS);
		assertThat(SCREEN.flags("asdf", "sdfghjkl qwrtzxcvb mnbvcxz")).contains(ScopeFlag.EMPTY_OR_MEANINGLESS);
	}

	@Test
	void flagsAdvertising() {
		LetterFixtures.Fixture advert = LetterFixtures.LETTER_SHAPED_ADVERTS.get(2);
		assertThat(SCREEN.flags(advert.title(), advert.body())).contains(ScopeFlag.ADVERTISING);
	}

	@Test
	void leavesOrdinaryComplaintsUnflagged() {
		long flagged = LetterFixtures.ORDINARY_COMPLAINTS.stream()
			.map((f) -> SCREEN.flags(f.title(), f.body()))
			.filter((Set<ScopeFlag> flags) -> !flags.isEmpty())
			.count();
		assertThat(flagged).isZero();
	}

}
