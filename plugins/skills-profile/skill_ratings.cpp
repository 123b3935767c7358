// Reading a `coachkit.skill-ratings/1` document. The checks a school needs to trust the profile:
// the mode and every skill are the framework's (001_02d9a7e25f685ada.txt gives each mode ten
// skills), every value is on the school's own scale, every date is a real date, and every rating
// says whose perspective it is.
#include "skill_ratings.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <coachkit/framework/framework.hpp>
#include <coachkit/json/document.hpp>
#include <cstdio>
#include <set>
#include <tuple>

namespace coachkit::skills {

namespace {

constexpr std::string_view kFamily = "coachkit.skill-ratings";
constexpr int kVersion = 1;
/// A scale is a handful of points; a wider one is almost certainly a percentage or a typo.
constexpr int kMaxPoints = 101;

class Problems {
public:
    explicit Problems(Diagnostics& out) : out_(out) {}
    void error(std::string pointer, std::string message) {
        out_.push_back({Severity::error, "", std::move(pointer), 0, 0, std::move(message)});
    }

private:
    Diagnostics& out_;
};

std::string joined(const std::vector<std::string>& items) {
    std::string text;
    for (const auto& item : items)
        text += (text.empty() ? "" : ", ") + item;
    return text;
}

const char* type_name(const boost::json::value& v) {
    switch (v.kind()) {
        case boost::json::kind::null:
            return "null";
        case boost::json::kind::bool_:
            return "a boolean";
        case boost::json::kind::string:
            return "a string";
        case boost::json::kind::array:
            return "an array";
        case boost::json::kind::object:
            return "an object";
        default:
            return "a number";
    }
}

bool check_schema(const boost::json::object& document, Problems& problems) {
    const std::string expected = std::string(kFamily) + "/" + std::to_string(kVersion);
    const auto* tag = document.if_contains("schema");
    if (tag == nullptr) {
        problems.error("/schema", "missing required field 'schema' (expected '" + expected + "')");
        return false;
    }
    const auto parsed = tag->is_string() ? SchemaTag::parse(tag->get_string()) : std::nullopt;
    if (!parsed || parsed->family != kFamily) {
        problems.error("/schema", "expected '" + expected + "', found " +
                                      (tag->is_string() ? "'" + std::string(tag->get_string()) + "'"
                                                        : std::string(type_name(*tag))));
        return false;
    }
    if (parsed->version > kVersion) {
        problems.error("/schema", "unsupported schema '" + parsed->to_string() +
                                      "' (this build reads up to '" + expected +
                                      "'; upgrade coachkit)");
        return false;
    }
    return true;
}

/// A whole number from a JSON number (1 or 1.0), or nothing.
std::optional<int> whole_number(const boost::json::value& v) {
    if (!v.is_number())
        return std::nullopt;
    const double d = v.to_number<double>();
    if (!std::isfinite(d) || d != std::floor(d) || std::abs(d) > 1e6)
        return std::nullopt;
    return static_cast<int>(d);
}

std::optional<Scale> read_scale(const boost::json::object& document, Problems& problems) {
    const auto* value = document.if_contains("scale");
    if (value == nullptr || !value->is_object()) {
        problems.error("/scale",
                       value == nullptr
                           ? "missing required field 'scale' (e.g. {\"min\": 1, "
                             "\"max\": 4})"
                           : std::string("expected an object {min, max, labels?}, found ") +
                                 type_name(*value));
        return std::nullopt;
    }
    const auto& object = value->get_object();
    Scale scale;
    bool ok = true;
    for (const char* key : {"min", "max"}) {
        const auto* bound = object.if_contains(key);
        const auto number = bound != nullptr ? whole_number(*bound) : std::nullopt;
        if (!number) {
            problems.error(std::string("/scale/") + key,
                           bound == nullptr ? std::string("missing required field '") + key + "'"
                                            : "expected a whole number");
            ok = false;
        } else {
            (std::string_view(key) == "min" ? scale.min : scale.max) = *number;
        }
    }
    if (!ok)
        return std::nullopt;
    if (scale.max <= scale.min) {
        problems.error("/scale/max", "the scale's max (" + std::to_string(scale.max) +
                                         ") must be greater than its min (" +
                                         std::to_string(scale.min) + ")");
        return std::nullopt;
    }
    if (scale.points() > kMaxPoints) {
        problems.error("/scale/max", "a scale of " + std::to_string(scale.points()) +
                                         " points is too wide (at most " +
                                         std::to_string(kMaxPoints) + ")");
        return std::nullopt;
    }
    if (const auto* labels = object.if_contains("labels")) {
        const auto* list = labels->if_array();
        if (list == nullptr) {
            problems.error("/scale/labels", "expected an array of strings, one per point");
            return std::nullopt;
        }
        if (list->size() != static_cast<std::size_t>(scale.points())) {
            problems.error("/scale/labels", "give one label per point of the scale (" +
                                                std::to_string(scale.points()) + "), not " +
                                                std::to_string(list->size()));
            return std::nullopt;
        }
        for (std::size_t i = 0; i < list->size(); ++i) {
            if (!(*list)[i].is_string() || (*list)[i].get_string().empty()) {
                problems.error(pointer_append("/scale/labels", i), "expected a non-empty string");
                return std::nullopt;
            }
            scale.labels.emplace_back((*list)[i].get_string());
        }
    }
    return scale;
}

std::optional<std::string> read_date(const boost::json::object& object, std::string_view key,
                                     const std::string& pointer, Problems& problems) {
    const auto* value = object.if_contains(key);
    if (value == nullptr)
        return std::nullopt;
    if (!value->is_string() || !is_date(std::string(value->get_string()))) {
        problems.error(pointer,
                       std::string("expected a date written YYYY-MM-DD, found ") +
                           (value->is_string() ? "'" + std::string(value->get_string()) + "'"
                                               : type_name(*value)));
        return std::nullopt;
    }
    return std::string(value->get_string());
}

std::optional<Perspective> parse_perspective(std::string_view text) {
    for (const Perspective p : kPerspectives) {
        if (text == to_string(p))
            return p;
    }
    return std::nullopt;
}

/// A required, non-empty string field of a rating, or an error at its pointer.
std::optional<std::string> text_field(const boost::json::object& rating, std::string_view key,
                                      const std::string& at, Problems& problems) {
    const auto* value = rating.if_contains(key);
    if (value == nullptr) {
        problems.error(at, "missing required field '" + std::string(key) + "'");
        return std::nullopt;
    }
    if (!value->is_string() || value->get_string().empty()) {
        problems.error(pointer_append(at, key),
                       std::string("expected a non-empty string, found ") + type_name(*value));
        return std::nullopt;
    }
    return std::string(value->get_string());
}

class RatingReader {
public:
    RatingReader(const std::string& mode, const Scale& scale, Problems& problems)
        : mode_(mode), scale_(scale), problems_(problems) {
        for (const auto& skill : Framework::curee().skills_of(mode))
            skills_.push_back(skill.id);
    }

    std::optional<Rating> read(const boost::json::value& value, std::size_t index) {
        const std::string at = pointer_append("/ratings", index);
        const auto* rating = value.if_object();
        if (rating == nullptr) {
            problems_.error(at, std::string("expected a rating {skill, rater, perspective, date, "
                                            "value}, found ") +
                                    type_name(value));
            return std::nullopt;
        }
        Rating out;
        out.index = index;
        bool ok = true;
        if (const auto skill = text_field(*rating, "skill", at, problems_)) {
            out.skill = *skill;
            if (std::find(skills_.begin(), skills_.end(), out.skill) == skills_.end()) {
                problems_.error(pointer_append(at, "skill"), unknown_skill(out.skill));
                ok = false;
            }
        } else {
            ok = false;
        }
        if (const auto rater = text_field(*rating, "rater", at, problems_))
            out.rater = *rater;
        else
            ok = false;
        if (const auto perspective = text_field(*rating, "perspective", at, problems_)) {
            if (const auto parsed = parse_perspective(*perspective)) {
                out.perspective = *parsed;
            } else {
                problems_.error(
                    pointer_append(at, "perspective"),
                    "unknown perspective '" + *perspective + "' (known: self, partner, observer)");
                ok = false;
            }
        } else {
            ok = false;
        }
        if (rating->contains("date")) {
            const auto date = read_date(*rating, "date", pointer_append(at, "date"), problems_);
            ok = ok && date.has_value();
            out.date = date.value_or("");
        } else {
            problems_.error(at, "missing required field 'date'");
            ok = false;
        }
        ok = read_value(*rating, at, out) && ok;
        if (!ok)
            return std::nullopt;
        return out;
    }

private:
    bool read_value(const boost::json::object& rating, const std::string& at, Rating& out) {
        const auto* value = rating.if_contains("value");
        if (value == nullptr) {
            problems_.error(at, "missing required field 'value'");
            return false;
        }
        if (!value->is_number() || !std::isfinite(value->to_number<double>())) {
            problems_.error(pointer_append(at, "value"),
                            std::string("expected a number, found ") + type_name(*value));
            return false;
        }
        out.value = value->to_number<double>();
        out.value_text = number_text(out.value);
        if (out.value < scale_.min || out.value > scale_.max) {
            problems_.error(pointer_append(at, "value"),
                            "value " + out.value_text + " is off the scale " +
                                std::to_string(scale_.min) + " to " + std::to_string(scale_.max));
            return false;
        }
        return true;
    }

    [[nodiscard]] std::string unknown_skill(const std::string& skill) const {
        const bool elsewhere = Framework::curee().find_skill(skill) != nullptr;
        return "skill '" + skill + "' is not one of the " + mode_ + " skills" +
               (elsewhere ? " (it belongs to another mode)" : "") + " (known: " + joined(skills_) +
               ")";
    }

    const std::string& mode_;
    const Scale& scale_;
    Problems& problems_;
    std::vector<std::string> skills_;
};

}  // namespace

const char* to_string(Perspective perspective) {
    switch (perspective) {
        case Perspective::self:
            return "self";
        case Perspective::partner:
            return "partner";
        case Perspective::observer:
            return "observer";
    }
    return "self";
}

std::string Scale::label(int point) const {
    const int at = point - min;
    if (at >= 0 && static_cast<std::size_t>(at) < labels.size())
        return labels[static_cast<std::size_t>(at)];
    return std::to_string(point);
}

int Scale::nearest(double value) const {
    // Half-way goes down, as the declarative rubrics do: claim no more than the ratings show.
    const int point = static_cast<int>(std::ceil(value - 0.5));
    return std::clamp(point, min, max);
}

std::string number_text(double value) {
    char text[32];
    if (value == std::floor(value) && std::abs(value) < 1e15)
        std::snprintf(text, sizeof text, "%.0f", value);
    else
        std::snprintf(text, sizeof text, "%g", value);
    return text;
}

bool is_date(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9'))
            return false;
    }
    const int year = std::stoi(text.substr(0, 4));
    const int month = std::stoi(text.substr(5, 2));
    const int day = std::stoi(text.substr(8, 2));
    if (month < 1 || month > 12 || day < 1)
        return false;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return day <= days[month - 1] + (month == 2 && leap ? 1 : 0);
}

std::optional<SkillRatings> read_skill_ratings(const boost::json::value& input, Diagnostics& out) {
    Problems problems(out);
    const auto* document = input.if_object();
    if (document == nullptr) {
        problems.error("", std::string("expected a coachkit.skill-ratings/1 document (an object), "
                                       "found ") +
                               type_name(input));
        return std::nullopt;
    }
    if (!check_schema(*document, problems))
        return std::nullopt;
    SkillRatings result;
    const auto* mode = document->if_contains("mode");
    std::vector<std::string> modes;
    for (const auto& m : Framework::curee().modes())
        modes.push_back(m.id);
    if (mode == nullptr || !mode->is_string()) {
        problems.error("/mode", mode == nullptr
                                    ? "missing required field 'mode' (known: " + joined(modes) + ")"
                                    : std::string("expected a string, found ") + type_name(*mode));
        return std::nullopt;
    }
    result.mode = std::string(mode->get_string());
    if (std::find(modes.begin(), modes.end(), result.mode) == modes.end()) {
        problems.error("/mode",
                       "unknown mode '" + result.mode + "' (known: " + joined(modes) + ")");
        return std::nullopt;
    }
    const auto scale = read_scale(*document, problems);
    if (!scale)
        return std::nullopt;
    result.scale = *scale;
    result.from = read_date(*document, "from", "/from", problems);
    result.to = read_date(*document, "to", "/to", problems);
    if (result.from && result.to && *result.to < *result.from)
        problems.error("/to", "'to' (" + *result.to + ") is before 'from' (" + *result.from + ")");

    const auto* ratings = document->if_contains("ratings");
    if (ratings == nullptr || !ratings->is_array()) {
        problems.error("/ratings", ratings == nullptr
                                       ? "missing required field 'ratings'"
                                       : std::string("expected an array of ratings, found ") +
                                             type_name(*ratings));
        return result;
    }
    RatingReader reader(result.mode, result.scale, problems);
    // The same rater, perspective, skill and date twice is a copy-paste slip, not two opinions.
    std::set<std::tuple<std::string, Perspective, std::string, std::string>> seen;
    const auto& list = ratings->get_array();
    for (std::size_t i = 0; i < list.size(); ++i) {
        auto rating = reader.read(list[i], i);
        if (!rating)
            continue;
        if (!seen.emplace(rating->rater, rating->perspective, rating->skill, rating->date).second) {
            problems.error(pointer_append("/ratings", i),
                           "a second " + std::string(to_string(rating->perspective)) +
                               " rating of '" + rating->skill + "' by '" + rating->rater + "' on " +
                               rating->date + " (one rating per rater, skill and date)");
            continue;
        }
        result.ratings.push_back(std::move(*rating));
    }
    return result;
}

}  // namespace coachkit::skills
