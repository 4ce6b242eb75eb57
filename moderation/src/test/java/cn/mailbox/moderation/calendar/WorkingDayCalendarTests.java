package cn.mailbox.moderation.calendar;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WorkingDayCalendarTests {

	private static final WorkingDayCalendar BUNDLED = WorkingDayCalendar.bundled();

	@Test
	void bundlesEveryNoticeFrom2007To2026() {
		assertThat(BUNDLED.years()).hasSize(20).first().isEqualTo(2007);
		assertThat(BUNDLED.years().last()).isEqualTo(2026);
	}

	@Test
	void weekdaysWorkAndWeekendsRestOutsideTheNotices() {
		assertThat(BUNDLED.isWorkingDay(LocalDate.of(2024, 3, 8))).isTrue();
		assertThat(BUNDLED.isWorkingDay(LocalDate.of(2024, 3, 9))).isFalse();
		assertThat(BUNDLED.isWorkingDay(LocalDate.of(2024, 3, 10))).isFalse();
	}

	@Test
	void countsMakeUpWorkingDaysOnWeekends() {
		// National Day 2024: Sunday 29 September and Saturday 12 October are 调休上班.
		assertThat(BUNDLED.isWorkingDay(LocalDate.of(2024, 9, 29))).isTrue();
		assertThat(BUNDLED.isWorkingDay(LocalDate.of(2024, 10, 12))).isTrue();
		assertThat(BUNDLED.specialDay(LocalDate.of(2024, 10, 12))).get()
			.extracting(SpecialDay::offDay)
			.isEqualTo(false);
	}

	@Test
	void skipsPublicHolidaysOnWeekdays() {
		for (int day = 1; day <= 7; day++) {
			assertThat(BUNDLED.isWorkingDay(LocalDate.of(2024, 10, day))).as("2024-10-0" + day).isFalse();
		}
		assertThat(BUNDLED.specialDay(LocalDate.of(2024, 10, 1))).get().extracting(SpecialDay::name).isEqualTo("国庆节");
	}

	@Test
	void readsLateDecemberDaysFromTheNextYearsNotice() {
		// The 2019 notice moves New Year: Saturday 2018-12-29 works, Monday 2018-12-31
		// rests.
		assertThat(BUNDLED.isWorkingDay(LocalDate.of(2018, 12, 29))).isTrue();
		assertThat(BUNDLED.isWorkingDay(LocalDate.of(2018, 12, 31))).isFalse();
	}

	@Test
	void counts251WorkingDaysIn2024() {
		assertThat(BUNDLED.workingDaysBetween(LocalDate.of(2023, 12, 31), LocalDate.of(2024, 12, 31))).isEqualTo(251);
	}

	@Test
	void addsWorkingDaysAfterTheStartDay() {
		// Friday + 3 with no holiday: Mon, Tue, Wed.
		assertThat(BUNDLED.plusWorkingDays(LocalDate.of(2024, 3, 8), 3)).isEqualTo(LocalDate.of(2024, 3, 13));
		assertThat(BUNDLED.plusWorkingDays(LocalDate.of(2024, 3, 8), 0)).isEqualTo(LocalDate.of(2024, 3, 8));
	}

	@Test
	void addsWorkingDaysAcrossNationalDay() {
		// After Fri 2024-09-27: Sun 29 (make-up) 1, Mon 30 2, 1–7 Oct off, Tue 8 3, Wed 9
		// 4, Thu 10 5.
		assertThat(BUNDLED.plusWorkingDays(LocalDate.of(2024, 9, 27), 5)).isEqualTo(LocalDate.of(2024, 10, 10));
	}

	@Test
	void addsWorkingDaysAcrossSpringFestival2025() {
		// After Fri 2025-01-24: Sun 26 (make-up) 1, Mon 27 2, 28 Jan–4 Feb off, Wed 5 Feb
		// 3.
		assertThat(BUNDLED.plusWorkingDays(LocalDate.of(2025, 1, 24), 3)).isEqualTo(LocalDate.of(2025, 2, 5));
		// ... Thu 6 4, Fri 7 5, Sat 8 (make-up) 6, Mon 10 7, Tue 11 8, Wed 12 9, Thu 13
		// 10.
		assertThat(BUNDLED.plusWorkingDays(LocalDate.of(2025, 1, 24), 10)).isEqualTo(LocalDate.of(2025, 2, 13));
	}

	@Test
	void startingOnAHolidayCountsFromTheNextWorkingDay() {
		assertThat(BUNDLED.plusWorkingDays(LocalDate.of(2024, 10, 3), 1)).isEqualTo(LocalDate.of(2024, 10, 8));
	}

	@Test
	void countsWorkingDaysAfterTheStartUpToAndIncludingTheEnd() {
		LocalDate friday = LocalDate.of(2024, 9, 27);
		assertThat(BUNDLED.workingDaysBetween(friday, friday)).isZero();
		assertThat(BUNDLED.workingDaysBetween(friday, LocalDate.of(2024, 9, 28))).isZero();
		assertThat(BUNDLED.workingDaysBetween(friday, LocalDate.of(2024, 9, 29))).isOne();
		assertThat(BUNDLED.workingDaysBetween(friday, LocalDate.of(2024, 10, 7))).isEqualTo(2);
		assertThat(BUNDLED.workingDaysBetween(friday, LocalDate.of(2024, 10, 12))).isEqualTo(7);
		assertThat(BUNDLED.workingDaysBetween(LocalDate.of(2024, 10, 12), friday)).isEqualTo(-7);
	}

	@Test
	void workingDaysBetweenUndoesPlusWorkingDaysAllYear() {
		for (LocalDate start = LocalDate.of(2024, 1, 1); start.getYear() == 2024; start = start.plusDays(1)) {
			for (int n = 0; n <= 12; n++) {
				assertThat(BUNDLED.workingDaysBetween(start, BUNDLED.plusWorkingDays(start, n))).as(start + " + " + n)
					.isEqualTo(n);
			}
		}
	}

	@Test
	void refusesNegativeWorkingDays() {
		assertThatIllegalArgumentException().isThrownBy(() -> BUNDLED.plusWorkingDays(LocalDate.of(2024, 1, 2), -1));
	}

	@Test
	void loadsANewYearAtRuntime() throws IOException {
		WorkingDayCalendar calendar = WorkingDayCalendar.bundled();
		LocalDate newYearsDay = LocalDate.of(2027, 1, 1);
		assertThat(calendar.isWorkingDay(newYearsDay)).as("a Friday before the notice").isTrue();

		HolidayYear loaded = calendar.loadYear(json(INVENTED_2027));

		assertThat(loaded.year()).isEqualTo(2027);
		assertThat(calendar.years()).contains(2027);
		assertThat(calendar.isWorkingDay(newYearsDay)).isFalse();
		assertThat(calendar.isWorkingDay(LocalDate.of(2027, 1, 9))).as("invented make-up Saturday").isTrue();
		assertThat(calendar.isWorkingDay(LocalDate.of(2026, 12, 31))).as("December day in the next notice").isFalse();
		assertThat(BUNDLED.isWorkingDay(newYearsDay)).as("other calendars untouched").isTrue();
	}

	@Test
	void reloadingAYearReplacesItsEarlierNotice() throws IOException {
		WorkingDayCalendar calendar = WorkingDayCalendar.bundled();
		calendar.loadYear(json(INVENTED_2027));

		calendar.loadYear(json("""
				{"year": 2027, "papers": [], "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}
				"""));

		assertThat(calendar.isWorkingDay(LocalDate.of(2027, 1, 9))).isFalse();
		assertThat(calendar.isWorkingDay(LocalDate.of(2026, 12, 31))).isTrue();
	}

	@Test
	void readersNeverSeeHalfALoadedYear() throws Exception {
		WorkingDayCalendar calendar = WorkingDayCalendar.of(List.of());
		HolidayYear off = new HolidayYear(2027, List.of(new SpecialDay(LocalDate.of(2027, 1, 4), "a", true),
				new SpecialDay(LocalDate.of(2027, 1, 5), "a", true)));
		HolidayYear on = new HolidayYear(2027, List.of());
		AtomicReference<String> torn = new AtomicReference<>();
		Thread reader = new Thread(() -> {
			for (int i = 0; i < 200_000 && torn.get() == null; i++) {
				int days = calendar.workingDaysBetween(LocalDate.of(2027, 1, 3), LocalDate.of(2027, 1, 5));
				if (days != 0 && days != 2) {
					torn.set("saw " + days + " working days");
				}
			}
		});
		reader.start();
		for (int i = 0; i < 2_000; i++) {
			calendar.replaceYear((i % 2 == 0) ? off : on);
		}
		reader.join();
		assertThat(torn.get()).isNull();
	}

	@Test
	void refusesANoticeWithoutOffDayFlags() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HolidayYear
				.parse(json("{\"year\": 2027, \"days\": [{\"name\": \"元旦\", \"date\": \"2027-01-01\"}]}")))
			.withMessageContaining("isOffDay");
	}

	@Test
	void refusesDaysOutsideTheNoticeYear() {
		assertThatIllegalArgumentException().isThrownBy(() -> HolidayYear.parse(
				json("{\"year\": 2027, \"days\": [{\"name\": \"x\", \"date\": \"2028-01-01\", \"isOffDay\": true}]}")));
	}

	@Test
	void refusesADateListedTwice() {
		assertThatIllegalArgumentException().isThrownBy(() -> HolidayYear.parse(json("""
				{"year": 2027, "days": [{"name": "x", "date": "2027-01-01", "isOffDay": true},
				                        {"name": "x", "date": "2027-01-01", "isOffDay": false}]}
				""")));
	}

	@Test
	void refusesSomethingThatIsNotJson() {
		assertThatIllegalArgumentException().isThrownBy(() -> HolidayYear.parse(json("year: 2027")));
	}

	/** Invented for the test (the real 2027 notice was not out when this was written). */
	private static final String INVENTED_2027 = """
			{"year": 2027, "papers": [], "days": [
			  {"name": "元旦", "date": "2026-12-31", "isOffDay": true},
			  {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
			  {"name": "元旦", "date": "2027-01-09", "isOffDay": false}
			]}
			""";

	private static InputStream json(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}

}
