// Journal times: exactly YYYY-MM-DDTHH:MM:SSZ, so they sort as text and compare as times.
#include "coachkit/journal/time.hpp"

#include <ctime>

COACHKIT_NAMESPACE_BEGIN

namespace {

constexpr std::string_view kExampleTime = "2026-11-22T14:05:00Z";

/// The number written in `text` (digits only), or -1.
int digits(std::string_view text) {
    int value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

struct Fields {
    int year = -1, month = -1, day = -1, hour = -1, minute = -1, second = -1;
};

/// The six numbers of a well-shaped time, or -1s.
Fields split(std::string_view text) {
    Fields f;
    // Separators at 4, 7, 10, 13, 16 and 19, digits everywhere else.
    const bool shaped = text.size() == 20 && text[4] == '-' && text[7] == '-' && text[10] == 'T' &&
                        text[13] == ':' && text[16] == ':' && text[19] == 'Z';
    if (!shaped)
        return f;
    f.year = digits(text.substr(0, 4));
    f.month = digits(text.substr(5, 2));
    f.day = digits(text.substr(8, 2));
    f.hour = digits(text.substr(11, 2));
    f.minute = digits(text.substr(14, 2));
    f.second = digits(text.substr(17, 2));
    return f;
}

}  // namespace

std::string utc_time_problem(std::string_view text) {
    const std::string quoted = "'" + std::string(text) + "'";
    const std::string form =
        "use ISO 8601 UTC to the second, e.g. '" + std::string(kExampleTime) + "'";
    const Fields f = split(text);
    if (f.year < 0 || f.month < 0 || f.day < 0 || f.hour < 0 || f.minute < 0 || f.second < 0)
        return "invalid time " + quoted + ": " + form;
    const std::chrono::year_month_day date{std::chrono::year{f.year},
                                           std::chrono::month{static_cast<unsigned>(f.month)},
                                           std::chrono::day{static_cast<unsigned>(f.day)}};
    if (f.year < 1 || !date.ok())
        return "invalid time " + quoted + ": " + std::string(text.substr(0, 10)) + " is not a date";
    if (f.hour > 23 || f.minute > 59 || f.second > 59)
        return "invalid time " + quoted + ": " + std::string(text.substr(11, 8)) +
               " is not a time of day";
    return {};
}

std::optional<UtcSeconds> parse_utc_time(std::string_view text) {
    if (!utc_time_problem(text).empty())
        return std::nullopt;
    const Fields f = split(text);
    const std::chrono::sys_days day = std::chrono::year_month_day{
        std::chrono::year{f.year}, std::chrono::month{static_cast<unsigned>(f.month)},
        std::chrono::day{static_cast<unsigned>(f.day)}};
    return UtcSeconds{day} + std::chrono::hours{f.hour} + std::chrono::minutes{f.minute} +
           std::chrono::seconds{f.second};
}

bool is_calendar_date(std::string_view text) {
    return text.size() == 10 && parse_utc_time(std::string(text) + "T00:00:00Z").has_value();
}

std::string format_utc_time(UtcSeconds time) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char text[32];
    const std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return std::string(text, length);
}

std::string utc_now() {
    return format_utc_time(
        std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

COACHKIT_NAMESPACE_END
