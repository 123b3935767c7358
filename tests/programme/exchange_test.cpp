// Programme export and import: a lossless round trip, and bad documents refused whole with the
// place and the reason, writing nothing.
#include <fstream>

#include "programme_support.hpp"

namespace coachkit::testing {
namespace {

class Exchange : public ProgrammeTest {
protected:
    void SetUp() override {
        ProgrammeTest::SetUp();
        form("sc", "specialist-coaching", "cflat-ideal-cycle",
             {Member{"coach", "specialist-coach"}, Member{"amy", "professional-learner"}});
        engine->start_cycle("sc", {}, by("coach", "2026-09-07T08:00:00Z"));
        StageCompletion c;
        c.record = "We will look at questioning — «open» ones, 🙂.";
        engine->advance("sc-1", c, by("amy", "2026-09-07T09:00:00Z"));
    }

    boost::json::object exported() { return export_programme(*store); }

    /// Imports `document` into a fresh store; expects InvalidDocumentError at `pointer`.
    void expect_rejected(const boost::json::value& document, const std::string& pointer,
                         const std::string& says) {
        auto target = make_memory_store();
        try {
            (void)import_programme(document, *target, "school.json");
            ADD_FAILURE() << "expected the import to be rejected at " << pointer;
        } catch (const InvalidDocumentError& e) {
            bool found = false;
            for (const auto& d : e.diagnostics()) {
                EXPECT_EQ(d.file, "school.json");
                if (d.pointer.rfind(pointer, 0) == 0 && d.message.find(says) != std::string::npos)
                    found = true;
            }
            EXPECT_TRUE(found) << e.what();
        }
        EXPECT_EQ(target->last_sequence(), 0) << "a rejected import wrote events";
    }
};

TEST_F(Exchange, ExportCarriesEventsAndStateAndImportGivesThemBack) {
    const auto document = exported();
    EXPECT_EQ(document.at("schema"), "coachkit.programme/1");
    EXPECT_EQ(document.at("programme").at("id"), "school");
    EXPECT_EQ(document.at("events").as_array().size(),
              static_cast<std::size_t>(store->last_sequence()));
    EXPECT_EQ(document.at("state"), to_json(engine->state()));

    auto copy = make_memory_store();
    const ProgrammeState imported = import_programme(document, *copy, "school.json");
    EXPECT_EQ(to_json(imported), to_json(engine->state()));
    const auto original = store->read();
    const auto again = copy->read();
    ASSERT_EQ(original.size(), again.size());
    for (std::size_t i = 0; i < original.size(); ++i)
        EXPECT_EQ(to_json(original[i]), to_json(again[i])) << "event " << i + 1;

    auto second = exported();
    auto third = export_programme(*copy);
    second.erase("exported_at");
    third.erase("exported_at");
    EXPECT_EQ(second, third) << "export, import, export: the same document";
}

TEST_F(Exchange, UnknownDataFieldsSurviveTheRoundTrip) {
    auto document = exported();
    auto& events = document.at("events").as_array();
    events[1].as_object().at("data").as_object()["mis_reference"] = "STAFF-0042";
    auto copy = make_memory_store();
    (void)import_programme(document, *copy, "school.json");
    EXPECT_EQ(copy->read(1, 1).front().data.at("mis_reference"), "STAFF-0042");
}

TEST_F(Exchange, ImportGoesThroughAFile) {
    const auto path = std::filesystem::temp_directory_path() / "coachkit-exchange-test.json";
    {
        std::ofstream out(path);
        out << to_pretty_json(exported());
    }
    auto copy = make_memory_store();
    EXPECT_EQ(import_programme_file(path, *copy).id(), "school");
    {
        std::ofstream out(path);
        out << "{\n  \"schema\": \"coachkit.programme/1\",\n  \"events\": [,]\n}\n";
    }
    auto other = make_memory_store();
    try {
        (void)import_programme_file(path, *other);
        ADD_FAILURE() << "expected a syntax error";
    } catch (const InvalidDocumentError& e) {
        EXPECT_EQ(e.diagnostics().at(0).file, path.string());
        EXPECT_EQ(e.diagnostics().at(0).line, 3u);
    }
    EXPECT_EQ(other->last_sequence(), 0);
    std::filesystem::remove(path);
}

TEST_F(Exchange, BadDocumentsAreRejectedWholeWithThePlace) {
    expect_rejected(boost::json::array{}, "", "must be a JSON object");
    auto untagged = exported();
    untagged.erase("schema");
    expect_rejected(untagged, "/schema", "schema");
    auto newer = exported();
    newer["schema"] = "coachkit.programme/9";
    expect_rejected(newer, "/schema", "9");
    auto no_events = exported();
    no_events.erase("events");
    expect_rejected(no_events, "/events", "'events' is missing");
    auto empty = exported();
    empty["events"] = boost::json::array{};
    expect_rejected(empty, "/events", "no events");

    auto bad_time = exported();
    bad_time.at("events").as_array()[3].as_object()["at"] = "yesterday";
    expect_rejected(bad_time, "/events/3/at", "invalid time 'yesterday'");
    auto renumbered = exported();
    renumbered.at("events").as_array()[4].as_object()["sequence"] = 7;
    expect_rejected(renumbered, "/events/4/sequence", "expected sequence 5, not 7");
    auto dangling = exported();
    dangling.at("events").as_array()[9].as_object()["type"] = "stage.completed";
    dangling.erase("state");
    expect_rejected(dangling, "/events/9", "");
    auto edited_state = exported();
    edited_state.at("state").as_object()["name"] = "Another School";
    expect_rejected(edited_state, "/state/name", "does not match what the events give");
    auto wrong_id = exported();
    wrong_id.at("programme").as_object()["id"] = "elsewhere";
    expect_rejected(wrong_id, "/programme/id", "does not match");
}

TEST_F(Exchange, ImportNeedsAnEmptyStore) {
    try {
        (void)import_programme(exported(), *store, "school.json");
        FAIL() << "expected programme-exists";
    } catch (const RefusedError& e) {
        EXPECT_EQ(e.rule(), "programme-exists");
    }
}

TEST_F(Exchange, WithoutItsStateADocumentImportsFromTheEventsAlone) {
    auto document = exported();
    document.erase("state");
    document.erase("programme");
    auto copy = make_memory_store();
    EXPECT_EQ(to_json(import_programme(document, *copy, "school.json")), to_json(engine->state()));
}

}  // namespace
}  // namespace coachkit::testing
