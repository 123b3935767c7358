// Journal times: exactly ISO 8601 UTC to the second, parsed to and formatted from system time.
#include <gtest/gtest.h>

#include <coachkit/journal/time.hpp>

namespace coachkit {
namespace {

TEST(Time, ParsesAndFormatsTheJournalsForm) {
    const auto t = parse_utc_time("2026-11-22T14:05:09Z");
    ASSERT_TRUE(t);
    EXPECT_EQ(format_utc_time(*t), "2026-11-22T14:05:09Z");
    EXPECT_EQ(*parse_utc_time("2024-02-29T00:00:00Z") + std::chrono::days{1},
              *parse_utc_time("2024-03-01T00:00:00Z"));
    EXPECT_EQ(format_utc_time(*parse_utc_time("1970-01-01T00:00:00Z")), "1970-01-01T00:00:00Z");
    EXPECT_TRUE(parse_utc_time(utc_now()));
}

TEST(Time, RefusesAnythingElseSayingWhy) {
    for (const char* bad :
         {"", "2026-11-22", "2026-11-22 14:05:09", "2026-11-22T14:05:09",
          "2026-11-22T14:05:09+00:00", "2026-11-22t14:05:09z", "２026-11-22T14:05:09Z"}) {
        EXPECT_FALSE(parse_utc_time(bad)) << bad;
        EXPECT_NE(utc_time_problem(bad).find("use ISO 8601 UTC to the second"), std::string::npos)
            << bad;
    }
    EXPECT_NE(utc_time_problem("2025-02-29T10:00:00Z").find("2025-02-29 is not a date"),
              std::string::npos);
    EXPECT_NE(utc_time_problem("0000-01-01T10:00:00Z").find("is not a date"), std::string::npos);
    EXPECT_NE(utc_time_problem("2026-11-22T24:00:00Z").find("24:00:00 is not a time of day"),
              std::string::npos);
    EXPECT_EQ(utc_time_problem("2026-11-22T23:59:59Z"), "");
}

TEST(Time, CalendarDatesAreRealDaysWrittenYyyyMmDd) {
    EXPECT_TRUE(is_calendar_date("2024-02-29"));
    for (const char* bad :
         {"2025-02-29", "2026-13-01", "26-11-22", "2026-11-22T00:00:00Z", "22/11/2026", ""})
        EXPECT_FALSE(is_calendar_date(bad)) << bad;
}

}  // namespace
}  // namespace coachkit
