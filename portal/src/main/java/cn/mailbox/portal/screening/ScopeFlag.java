package cn.mailbox.portal.screening;

/**
 * Why a letter may be outside the mailbox's remit (受理范围). A flag is a hint for the
 * moderator, who decides; nothing is rejected automatically.
 */
public enum ScopeFlag {

	/** Party and discipline-inspection matters (党务、纪检监察). */
	PARTY_DISCIPLINE,
	/** People's congress matters (人大). */
	PEOPLES_CONGRESS,
	/** CPPCC matters (政协). */
	CPPCC,
	/** Army matters (军队). */
	MILITARY,
	/** Courts and procuratorate: judgments, lawsuits (法院、检察院、判决、诉讼). */
	JUDICIARY,
	/** Official documents, classified markings (公文、密级). */
	OFFICIAL_DOCUMENT,
	/** Malicious attacks and abuse (恶意攻击、辱骂). */
	MALICIOUS_ATTACK,
	/** Empty or meaningless content (内容空洞、无意义). */
	EMPTY_OR_MEANINGLESS,
	/** Advertising (广告). */
	ADVERTISING

}
