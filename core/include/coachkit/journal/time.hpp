// Times as the journal writes them: ISO 8601 UTC to the second ("2026-11-22T14:05:00Z").
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "coachkit/version.hpp"

COACHKIT_NAMESPACE_BEGIN

using UtcSeconds = std::chrono::sys_seconds;

/// The time written in `text`, or nothing if it is not exactly YYYY-MM-DDTHH:MM:SSZ naming a real
/// date and time of day.
[[nodiscard]] COACHKIT_API std::optional<UtcSeconds> parse_utc_time(std::string_view text);

/// "" if `text` is a valid journal time, otherwise the reason, naming the text.
[[nodiscard]] COACHKIT_API std::string utc_time_problem(std::string_view text);

[[nodiscard]] COACHKIT_API std::string format_utc_time(UtcSeconds time);

/// True if `text` is exactly YYYY-MM-DD naming a real date (review dates, due dates).
[[nodiscard]] COACHKIT_API bool is_calendar_date(std::string_view text);

/// The current time as ISO 8601 UTC with seconds.
[[nodiscard]] COACHKIT_API std::string utc_now();

COACHKIT_NAMESPACE_END
