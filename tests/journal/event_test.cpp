// Events as `coachkit.event/1` documents: the round trip, and every way a document can be wrong
// (one fixture file per case in data/events, one line per case in the table below).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <ctime>

#include "coachkit/json/document.hpp"
#include "journal_support.hpp"

using namespace coachkit;
using namespace coachkit::test;

namespace {

boost::json::value read_fixture(const std::string& name) {
    Diagnostics out;
    auto value = read_json_file(data_path("events/" + name), out);
    if (!value)
        throw std::runtime_error(describe(out));
    return *value;
}

/// A valid event document with `field` set to `value`.
boost::json::object good_with(std::string_view field, boost::json::value value) {
    auto document = read_fixture("good.json").as_object();
    document[field] = std::move(value);
    return document;
}

}  // namespace

TEST(EventJson, ReadsEveryField) {
    Diagnostics out;
    const auto event = event_from_json(read_fixture("good.json"), "good.json", "", out);
    ASSERT_TRUE(event.has_value()) << describe(out);
    EXPECT_TRUE(out.empty()) << describe(out);
    EXPECT_EQ(event->sequence, 7);
    EXPECT_EQ(event->type, "cycle.started");
    EXPECT_EQ(event->at, "2026-11-22T14:05:00Z");
    EXPECT_EQ(event->actor, "ana-okafor");
    EXPECT_EQ(event->programme, "northfield-2026");
    EXPECT_EQ(event->partnership, "ana-ben");
    EXPECT_EQ(event->cycle, "ana-ben-1");
    EXPECT_EQ(event->data.at("focus"), "questioning");
    // Whatever a school or a newer coachkit put inside data is kept as it was.
    EXPECT_EQ(event->data.at("added_by_school"),
              boost::json::parse(R"({"kept": true, "list": [1, 2.5, null]})"));
}

TEST(EventJson, RoundTripIsLossless) {
    for (const char* name : {"good.json", "minimal.json"}) {
        const auto original = read_fixture(name);
        Diagnostics out;
        const auto event = event_from_json(original, name, "", out);
        ASSERT_TRUE(event.has_value()) << describe(out);
        auto expected = original.as_object();
        // Writing fills in what reading defaulted: the sequence (0 = not yet appended) and data.
        if (!expected.contains("sequence"))
            expected["sequence"] = 0;
        if (!expected.contains("data"))
            expected["data"] = boost::json::object{};
        EXPECT_EQ(boost::json::value(to_json(*event)), boost::json::value(expected)) << name;

        Diagnostics again;
        const auto reread = event_from_json(to_json(*event), name, "", again);
        ASSERT_TRUE(reread.has_value()) << describe(again);
        EXPECT_EQ(dump(*reread), dump(*event));
    }
}

TEST(EventJson, WritesTheSchemaTagAndLeavesOutEmptyOptionalFields) {
    Event event = sample_event();
    event.partnership.clear();
    event.cycle.clear();
    event.data = {};
    const auto json = to_json(event);
    EXPECT_EQ(json.at("schema"), "coachkit.event/1");
    EXPECT_FALSE(json.contains("partnership"));
    EXPECT_FALSE(json.contains("cycle"));
    EXPECT_EQ(json.at("data"), boost::json::object{});
    EXPECT_EQ(json.begin()->key(), "schema");  // the tag comes first, for people reading files
}

TEST(EventJson, SequenceDefaultsToZeroAndAcceptsWholeNumbersWrittenAsDecimals) {
    Diagnostics out;
    auto document = read_fixture("minimal.json").as_object();
    auto event = event_from_json(document, "t.json", "", out);
    ASSERT_TRUE(event.has_value()) << describe(out);
    EXPECT_EQ(event->sequence, 0);
    document["sequence"] = 12.0;
    event = event_from_json(document, "t.json", "", out);
    ASSERT_TRUE(event.has_value()) << describe(out);
    EXPECT_EQ(event->sequence, 12);
}

struct BadEvent {
    const char* file;
    const char* pointer;
    const char* message;  // a part of the message
};

// Shown by ctest and in failures as the fixture's name.
void PrintTo(const BadEvent& c, std::ostream* out) {
    *out << c.file;
}

class BadEventFile : public ::testing::TestWithParam<BadEvent> {};

TEST_P(BadEventFile, IsRejectedWithItsPlaceAndReason) {
    const auto& c = GetParam();
    const std::string file = data_path(std::string("events/") + c.file).string();
    Diagnostics out;
    Diagnostics read_problems;
    const auto value = read_json_file(file, read_problems);
    ASSERT_TRUE(value.has_value()) << describe(read_problems);
    EXPECT_FALSE(event_from_json(*value, file, "", out).has_value());
    ASSERT_TRUE(has_errors(out));
    const bool found = std::any_of(out.begin(), out.end(), [&](const Diagnostic& d) {
        return d.file == file && d.pointer == c.pointer &&
               d.message.find(c.message) != std::string::npos;
    });
    EXPECT_TRUE(found) << "expected " << c.pointer << ": ..." << c.message << "...\ngot:\n"
                       << describe(out);
}

INSTANTIATE_TEST_SUITE_P(
    Events, BadEventFile,
    ::testing::Values(
        BadEvent{"not-an-object.json", "", "an event must be a JSON object, not an array"},
        BadEvent{"schema-missing.json", "/schema", "missing required field 'schema'"},
        BadEvent{"schema-not-string.json", "/schema", "'schema' must be a string"},
        BadEvent{"schema-family.json", "/schema", "unsupported schema 'coachkit.plugin/1'"},
        BadEvent{"schema-newer.json", "/schema", "upgrade coachkit"},
        BadEvent{"sequence-negative.json", "/sequence", "0 (not yet appended) or more, not -1"},
        BadEvent{"sequence-string.json", "/sequence", "whole number, not a string"},
        BadEvent{"sequence-fraction.json", "/sequence", "whole number, not a number"},
        BadEvent{"type-missing.json", "", "missing required field 'type'"},
        BadEvent{"type-not-string.json", "/type", "'type' must be a string"},
        BadEvent{"type-malformed.json", "/type", "invalid event type 'Cycle Started'"},
        BadEvent{"at-missing.json", "", "missing required field 'at'"},
        BadEvent{"at-not-iso.json", "/at", "use ISO 8601 UTC to the second"},
        BadEvent{"at-not-a-date.json", "/at", "2026-02-30 is not a date"},
        BadEvent{"at-local-time.json", "/at", "use ISO 8601 UTC to the second"},
        BadEvent{"actor-missing.json", "", "missing required field 'actor'"},
        BadEvent{"actor-empty.json", "/actor", "'actor' must not be empty"},
        BadEvent{"programme-missing.json", "", "missing required field 'programme'"},
        BadEvent{"programme-null.json", "/programme", "'programme' must be a string, not null"},
        BadEvent{"partnership-not-string.json", "/partnership", "must be a string, not an array"},
        BadEvent{"cycle-not-string.json", "/cycle", "'cycle' must be a string"},
        BadEvent{"data-not-object.json", "/data", "'data' must be an object, not an array"},
        BadEvent{"unknown-field.json", "/colour", "an event's own facts go in 'data'"}),
    [](const ::testing::TestParamInfo<BadEvent>& param) {
        std::string name = param.param.file;
        name = name.substr(0, name.find('.'));
        for (auto& c : name)
            c = c == '-' ? '_' : c;
        return name;
    });

TEST(EventJson, ReportsEveryProblemNotJustTheFirst) {
    Diagnostics out;
    EXPECT_FALSE(
        event_from_json(read_fixture("many-problems.json"), "many.json", "", out).has_value());
    ASSERT_EQ(out.size(), 3u) << describe(out);
    EXPECT_EQ(out[0].pointer, "/at");
    EXPECT_EQ(out[1].pointer, "");  // missing actor
    EXPECT_EQ(out[2].pointer, "/data");
}

TEST(EventJson, PointersStartAtTheEventsPlaceInItsDocument) {
    Diagnostics out;
    EXPECT_FALSE(event_from_json(good_with("at", "soon"), "export.json", "/events/4", out));
    ASSERT_EQ(out.size(), 1u) << describe(out);
    EXPECT_EQ(out[0].to_string().substr(0, 26), "export.json:/events/4/at: ");

    // The schema check reports under the event's pointer too.
    out.clear();
    EXPECT_FALSE(
        event_from_json(good_with("schema", "coachkit.event/9"), "export.json", "/events/4", out));
    ASSERT_EQ(out.size(), 1u) << describe(out);
    EXPECT_EQ(out[0].pointer, "/events/4/schema");
}

TEST(EventJson, TimestampsMustBeUtcToTheSecondAndReal) {
    for (const char* good : {"2026-11-22T14:05:00Z", "2024-02-29T23:59:59Z", "2000-02-29T00:00:00Z",
                             "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z"}) {
        Diagnostics out;
        EXPECT_TRUE(event_from_json(good_with("at", good), "t.json", "", out)) << describe(out);
    }
    for (const char* bad : {"",
                            "2026-11-22",
                            "2026-11-22 14:05:00Z",
                            "2026-11-22T14:05:00",
                            "2026-11-22T14:05Z",
                            "2026-11-22T14:05:00.250Z",
                            "2026-11-22t14:05:00z",
                            "2026-11-22T14:05:00+00:00",
                            "26-11-22T14:05:00Z",
                            "2026-1-22T14:05:00Z",
                            "+026-11-22T14:05:00Z",
                            "2026-13-01T00:00:00Z",
                            "2026-00-10T00:00:00Z",
                            "2026-11-00T00:00:00Z",
                            "2026-11-31T00:00:00Z",
                            "2026-02-29T00:00:00Z",
                            "1900-02-29T00:00:00Z",
                            "0000-01-01T00:00:00Z",
                            "2026-11-22T24:00:00Z",
                            "2026-11-22T14:60:00Z",
                            "2026-11-22T14:05:60Z",
                            "2026-11-22T14:05:0xZ"}) {
        Diagnostics out;
        EXPECT_FALSE(event_from_json(good_with("at", bad), "t.json", "", out)) << bad;
        ASSERT_EQ(out.size(), 1u) << bad << "\n" << describe(out);
        EXPECT_EQ(out[0].pointer, "/at") << bad;
    }
}

TEST(EventJson, TypesAreDottedLowerCaseWords) {
    for (const char* good : {"cycle.started", "person.added", "cycle.stage-completed",
                             "agreement.goal.added", "evidence.video2.attached"}) {
        Diagnostics out;
        EXPECT_TRUE(event_from_json(good_with("type", good), "t.json", "", out)) << describe(out);
    }
    for (const char* bad : {"cycle", "Cycle.started", "cycle.Started", ".cycle", "cycle.",
                            "cycle..started", "cycle.started!", "cycle started", "cycle.-started",
                            "cycle.started-", "cycle.stage--completed", "cycle.stage_completed",
                            "2cycle.started", "cycle.2started", "cycle/started"}) {
        Diagnostics out;
        EXPECT_FALSE(event_from_json(good_with("type", bad), "t.json", "", out)) << bad;
        ASSERT_EQ(out.size(), 1u) << bad << "\n" << describe(out);
        EXPECT_EQ(out[0].pointer, "/type") << bad;
    }
}

TEST(EventJson, UnknownFieldsInsideDataAreKept) {
    auto document = good_with("data", boost::json::parse(R"({"new_in_v9": {"deep": [1]}})"));
    Diagnostics out;
    const auto event = event_from_json(document, "t.json", "", out);
    ASSERT_TRUE(event.has_value()) << describe(out);
    EXPECT_EQ(to_json(*event).at("data"), document.at("data"));
}

TEST(UtcNow, IsAValidEventTimeCloseToNow) {
    const std::string now = utc_now();
    Diagnostics out;
    EXPECT_TRUE(event_from_json(good_with("at", boost::json::string(now)), "t.json", "", out))
        << now << describe(out);
    // Read it back with the C library and compare with the clock: within a minute either way.
    std::tm parts{};
    ASSERT_NE(strptime(now.c_str(), "%Y-%m-%dT%H:%M:%SZ", &parts), nullptr) << now;
    const std::time_t then = timegm(&parts);
    const std::time_t clock = std::time(nullptr);
    EXPECT_LE(std::abs(static_cast<long>(clock - then)), 60L) << now;
}
