package cn.mailbox.moderation.routing;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingIndexTests {

	/** A handful of past letters per unit, our own. */
	static final List<RoutingSuggestions.PastLetter> PAST = List.of(
			letter("W1", "小区停水三天无人管", "我们小区已经连续停水三天，自来水公司电话打不通，居民生活用水困难，请尽快恢复供水。", "water"),
			letter("W2", "自来水水质发黄", "最近家里自来水水质发黄有异味，烧开后有沉淀，担心饮用水安全，请水务部门检测水质。", "water"),
			letter("W3", "供水管道爆裂", "路口的供水管道爆裂，大量自来水流到路面，已经漏水一整天，请水务部门抢修管道。", "water"),
			letter("W4", "水压太低", "高层住户水压太低，早晚用水高峰根本没有水，请供水公司加装二次供水加压设备。", "water"),
			letter("T1", "公交车绕路不停站", "12路公交车经常不按线路行驶，绕路不停站，乘客等车一个小时，请交通部门管理公交线路。", "transport"),
			letter("T2", "路口红绿灯时间太短", "学校门口路口的红绿灯行人通行时间太短，老人过马路来不及，请交警调整信号灯。", "transport"),
			letter("T3", "出租车拒载", "火车站出租车司机拒载、不打表、乱收费，请交通运输部门整治出租车市场。", "transport"),
			letter("T4", "道路停车位不足", "医院附近道路停车位严重不足，车辆乱停占道，交通拥堵，请交通部门规划停车场。", "transport"),
			letter("E1", "学校乱收补课费", "孩子所在学校要求学生参加周末补课并收取补课费，违反教育部门规定，请教育局调查。", "education"),
			letter("E2", "幼儿园学位不足", "我们片区只有一所公办幼儿园，学位严重不足，孩子入园难，请教育部门增加学位。", "education"),
			letter("E3", "学生作业负担重", "小学生每天作业写到晚上十一点，学校布置作业太多，请教育局落实减负政策。", "education"),
			letter("E4", "学校食堂饭菜差", "学校食堂饭菜价格高质量差，学生吃不饱，请教育部门监管学校食堂。", "education"));

	@TempDir
	Path folder;

	@Test
	void suggestsTheUnitThatSimilarLettersWentToFirst() {
		try (RoutingIndex index = filled(this.folder)) {
			assertThat(index.suggest(null, "家里没有自来水", "今天早上开始停水，自来水一直没有来，请水务部门尽快恢复供水。", 3)).first()
				.extracting(SuggestedUnit::unit)
				.isEqualTo("water");
			assertThat(index.suggest(null, "公交线路调整", "希望交通部门增加公交车班次，公交车等车时间太长。", 3)).first()
				.extracting(SuggestedUnit::unit)
				.isEqualTo("transport");
			assertThat(index.suggest(null, "", "学校周末强制补课并收费，作业也太多，请教育局管一管。", 3)).first()
				.extracting(SuggestedUnit::unit)
				.isEqualTo("education");
		}
	}

	@Test
	void listsAtMostTheLimitWithSharesThatSumToAtMostOne() {
		try (RoutingIndex index = filled(this.folder)) {
			List<SuggestedUnit> units = index.suggest(null, "停水", "小区停水，学校也停水，公交车站也没水。", 2);
			assertThat(units).hasSizeLessThanOrEqualTo(2);
			assertThat(units).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
			assertThat(units.stream().mapToDouble(SuggestedUnit::score).sum()).isBetween(0.0, 1.0 + 1e-9);
		}
	}

	@Test
	void aLetterNeverVotesForItsOwnRouting() {
		try (RoutingIndex index = filled(this.folder)) {
			index.add("X1", "独一无二的投诉内容", "铁皮青蛙玩具店噪音扰民", List.of("commerce"));
			index.refresh();
			assertThat(index.suggest(null, "独一无二的投诉内容", "铁皮青蛙玩具店噪音扰民", 3)).extracting(SuggestedUnit::unit)
				.contains("commerce");
			assertThat(index.suggest("X1", "独一无二的投诉内容", "铁皮青蛙玩具店噪音扰民", 3)).extracting(SuggestedUnit::unit)
				.doesNotContain("commerce");
		}
	}

	@Test
	void aReassignedLetterReplacesItsRoutingAndAnUnassignedOneIsForgotten() {
		try (RoutingIndex index = filled(this.folder)) {
			index.add("X1", "铁皮青蛙玩具店", "铁皮青蛙玩具店噪音扰民", List.of("commerce"));
			index.add("X1", "铁皮青蛙玩具店", "铁皮青蛙玩具店噪音扰民", List.of("environment"));
			index.refresh();
			assertThat(index.size()).isEqualTo(PAST.size() + 1);
			assertThat(index.suggest(null, "", "铁皮青蛙玩具店噪音", 3)).first()
				.extracting(SuggestedUnit::unit)
				.isEqualTo("environment");
			index.add("X1", "铁皮青蛙玩具店", "铁皮青蛙玩具店噪音扰民", List.of());
			index.refresh();
			assertThat(index.size()).isEqualTo(PAST.size());
		}
	}

	@Test
	void keepsItsLettersOnDiskAcrossRestarts() {
		filled(this.folder).close();
		try (RoutingIndex reopened = RoutingIndex.open(this.folder)) {
			assertThat(reopened.size()).isEqualTo(PAST.size());
			assertThat(reopened.suggest(null, "", "自来水水质发黄有异味", 1)).extracting(SuggestedUnit::unit)
				.containsExactly("water");
		}
	}

	@Test
	void anEmptyIndexSuggestsNothing() {
		try (RoutingIndex index = RoutingIndex.open(this.folder)) {
			assertThat(index.suggest(null, "停水", "小区停水", 3)).isEmpty();
		}
	}

	@Test
	void rebuildsFromPastLettersAndLearnsAssignmentsOffTheCaller() {
		Scheduler scheduler = Schedulers.newBoundedElastic(1, 100, "routing-test");
		try (RoutingIndex index = RoutingIndex.open(this.folder)) {
			RoutingSuggestions routing = new RoutingSuggestions(index, scheduler);
			index.add("OLD", "旧信", "早已删除的旧信件", List.of("water"));
			index.refresh();
			StepVerifier.create(routing.rebuild(Flux.fromIterable(PAST)))
				.expectNext((long) PAST.size())
				.verifyComplete();
			StepVerifier.create(routing.size()).expectNext(PAST.size()).verifyComplete();
			StepVerifier.create(routing.learn("N1", "垃圾焚烧厂臭气", "垃圾焚烧厂臭气熏天", List.of("environment"))).verifyComplete();
			StepVerifier.create(routing.suggest(null, "", "垃圾焚烧厂的臭气"))
				.assertNext(
						(units) -> assertThat(units).first().extracting(SuggestedUnit::unit).isEqualTo("environment"))
				.verifyComplete();
		}
		finally {
			scheduler.dispose();
		}
	}

	static RoutingIndex filled(Path folder) {
		RoutingIndex index = RoutingIndex.open(folder);
		PAST.forEach((letter) -> index.add(letter.trackingNumber(), letter.title(), letter.body(), letter.units()));
		index.refresh();
		return index;
	}

	private static RoutingSuggestions.PastLetter letter(String key, String title, String body, String unit) {
		return new RoutingSuggestions.PastLetter(key, title, body, List.of(unit));
	}

}
