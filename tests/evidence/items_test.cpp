// Evidence items in a programme: read by a source, checked against the cycle, stored as an event,
// replayed, exported; bad input and refused commands store nothing.
#include <boost/json.hpp>
#include <limits>
#include <stdexcept>

#include "../programme/programme_support.hpp"
#include "evidence_support.hpp"

namespace coachkit::testing {
namespace {

/// A source that fails the way a buggy plugin does: by throwing.
class ThrowingSource final : public EvidenceSource {
public:
    [[nodiscard]] std::vector<std::string> formats() const override { return {"text"}; }
    [[nodiscard]] PrivacyClass privacy() const override { return PrivacyClass::personal_data; }
    [[nodiscard]] EvidenceContent ingest(ByteSource&, const IngestRequest&,
                                         Diagnostics&) const override {
        throw std::runtime_error("the plugin broke");
    }
};

/// A source whose arithmetic went wrong: NaN in a metric, an infinity in its content.
class NonFiniteSource final : public EvidenceSource {
public:
    [[nodiscard]] std::vector<std::string> formats() const override { return {"text"}; }
    [[nodiscard]] PrivacyClass privacy() const override { return PrivacyClass::personal_data; }
    [[nodiscard]] EvidenceContent ingest(ByteSource&, const IngestRequest& request,
                                         Diagnostics&) const override {
        EvidenceContent out;
        out.format = request.format;
        out.content = boost::json::object{
            {"clips", boost::json::array{1.0, std::numeric_limits<double>::infinity()}}};
        out.metrics["mean"] = std::numeric_limits<double>::quiet_NaN();
        return out;
    }
};

/// Bytes from a pipe: their size is not known until they have been read.
class PipeSource final : public ByteSource {
public:
    explicit PipeSource(std::string_view bytes) : inner_(bytes, "pipe") {}
    [[nodiscard]] std::size_t read(char* buffer, std::size_t size) override {
        return inner_.read(buffer, size);
    }
    [[nodiscard]] bool rewind() override { return false; }
    [[nodiscard]] std::optional<std::uint64_t> size() const override { return std::nullopt; }
    [[nodiscard]] const std::string& name() const override { return inner_.name(); }

private:
    MemoryByteSource inner_;
};

/// Bytes that must not be read: a command refused before reading never touches them.
class UnreadableSource final : public ByteSource {
public:
    [[nodiscard]] std::size_t read(char*, std::size_t) override {
        ADD_FAILURE() << "the input was read although the command was refused";
        return 0;
    }
    [[nodiscard]] bool rewind() override { return true; }
    [[nodiscard]] std::optional<std::uint64_t> size() const override { return 0; }
    [[nodiscard]] const std::string& name() const override { return name_; }

private:
    std::string name_ = "unreadable";
};

constexpr const char* kReflection =
    "The pairs talked more than last week.\n\nWhy did group 3 stall? I moved on too fast.";

class EvidenceItems : public ProgrammeTest {
protected:
    void add_test_workflows() override {
        auto lesson = stage("lesson");
        lesson.evidence = {"learner-reflection", "observation-record"};
        auto review = stage("review");
        review.evidence = {"observation-record"};
        add_workflow(registry, "observe-and-review", "specialist-coaching",
                     {stage("plan"), lesson, review});
        ComponentDescriptor broken;
        broken.kind = ComponentKind::evidence_source;
        broken.id = "broken-source";
        broken.plugin_id = "tests";
        broken.plugin_version = "0.0.1";
        registry.add(broken, [] { return std::make_shared<ThrowingSource>(); });
        ComponentDescriptor non_finite = broken;
        non_finite.id = "non-finite-source";
        registry.add(non_finite, [] { return std::make_shared<NonFiniteSource>(); });
    }

    void SetUp() override {
        ProgrammeTest::SetUp();
        form("pair", "specialist-coaching", "observe-and-review",
             {{"coach", "specialist-coach"}, {"teach", "professional-learner"}});
        engine->start_cycle("pair", {}, by("coach", "2026-09-10T09:00:00Z"));
        engine->advance("pair-1", {}, by("teach", "2026-09-10T10:00:00Z"));
        engine->start_stage("pair-1", "", by("teach", "2026-09-11T10:00:00Z"));
    }

    CommandResult add(std::string_view bytes, EvidenceInput input,
                      const std::string& actor = "teach", const std::string& stage = "") {
        MemoryByteSource source(bytes, "/home/teach/notes/reflection.txt");
        return engine->add_evidence("pair-1", stage, input, source,
                                    by(actor, "2026-09-11T15:00:00Z"));
    }

    static EvidenceInput reflection() {
        EvidenceInput input;
        input.kind = "learner-reflection";
        input.summary = "after the group-work lesson";
        return input;
    }

    void expect_nothing_stored(const std::function<void()>& command) {
        const auto before = store->last_sequence();
        command();
        EXPECT_EQ(store->last_sequence(), before) << "a failed command wrote events";
        EXPECT_TRUE(engine->state().evidence_items().empty());
    }
};

TEST_F(EvidenceItems, AReflectionIsReadCheckedAndStoredOnTheStageInProgress) {
    const auto result = add(kReflection, reflection());
    ASSERT_EQ(result.events.size(), 1u);
    EXPECT_EQ(result.events[0].type, "evidence.added");
    EXPECT_TRUE(result.warnings.empty());

    const auto& items = engine->state().evidence_items();
    ASSERT_EQ(items.size(), 1u);
    const EvidenceItem& item = items[0];
    EXPECT_EQ(item.id, "pair-1-e1");
    EXPECT_EQ(item.partnership, "pair");
    EXPECT_EQ(item.cycle, "pair-1");
    EXPECT_EQ(item.stage, "lesson");
    EXPECT_EQ(item.kind, "learner-reflection");
    EXPECT_EQ(item.plugin, "learner-reflection");
    EXPECT_EQ(item.format, "text");
    EXPECT_EQ(item.origin, "reflection.txt") << "folders are not kept";
    EXPECT_EQ(item.bytes, std::string_view(kReflection).size());
    EXPECT_EQ(item.owner, "teach") << "the learner owns evidence by default";
    EXPECT_EQ(item.privacy, "personal-data");
    EXPECT_EQ(item.by, "teach");
    EXPECT_EQ(item.at, "2026-09-11T15:00:00Z");
    EXPECT_EQ(item.metrics.at("paragraphs"), 2);
    EXPECT_EQ(item.metrics.at("questions"), 1);
    EXPECT_EQ(item.content.at("paragraphs").as_array().size(), 2u);

    const StageProgress* lesson = engine->state().cycle("pair-1")->stage("lesson");
    ASSERT_EQ(lesson->evidence.size(), 1u);
    EXPECT_EQ(lesson->evidence[0].item, "pair-1-e1");
    EXPECT_EQ(lesson->evidence[0].source, "learner-reflection");
    EXPECT_EQ(engine->state().evidence_of("pair-1").size(), 1u);
    EXPECT_EQ(engine->state().evidence_item("pair-1-e1"), &item);

    const auto second = add("A second thought.", reflection());
    EXPECT_EQ(second.events[0].data.at("id"), "pair-1-e2");
}

TEST_F(EvidenceItems, ItemsReplayExportAndImportUnchanged) {
    add(kReflection, reflection());
    EvidenceInput named = reflection();
    named.id = "my-reflection";
    named.owner = "teach";
    add("Short.", named);
    const auto replayed = ProgrammeState::replay(store->read());
    EXPECT_EQ(to_json(replayed), to_json(engine->state()));
    ASSERT_EQ(replayed.evidence_items().size(), 2u);
    EXPECT_EQ(replayed.evidence_items()[1].id, "my-reflection");

    // Through text, as a file is: whole numbers come back as signed integers.
    const auto document = boost::json::parse(boost::json::serialize(export_programme(*store)));
    auto copy = make_memory_store();
    const auto imported = import_programme(document, *copy, "export.json");
    EXPECT_EQ(to_json(imported), to_json(engine->state()));
    EXPECT_EQ(to_json(imported).at("evidence_items").as_array().size(), 2u);
}

TEST_F(EvidenceItems, BadInputIsReportedWithItsPlaceAndNothingIsStored) {
    expect_nothing_stored([&] {
        try {
            add("Fine line.\nBad \xFF byte.", reflection());
            ADD_FAILURE() << "invalid UTF-8 was stored";
        } catch (const InvalidDocumentError& e) {
            ASSERT_FALSE(e.diagnostics().empty());
            const auto& d = e.diagnostics().front();
            EXPECT_EQ(d.file, "/home/teach/notes/reflection.txt");
            EXPECT_EQ(d.line, 2u);
            EXPECT_NE(d.message.find("byte offset 15"), std::string::npos) << d.message;
        }
    });
    expect_nothing_stored([&] {
        EvidenceInput wrong = reflection();
        wrong.format = "webvtt";
        try {
            add(kReflection, wrong);
            ADD_FAILURE() << "a format the source does not read was accepted";
        } catch (const InvalidDocumentError& e) {
            EXPECT_NE(std::string(e.what()).find("it reads: text"), std::string::npos) << e.what();
        }
    });
}

TEST_F(EvidenceItems, NumbersThatAreNotJsonAreRefusedAndNeverReachTheJournal) {
    EvidenceInput input;
    input.kind = "non-finite-source";
    expect_nothing_stored([&] {
        try {
            add("anything", input);
            ADD_FAILURE() << "NaN and infinity were stored";
        } catch (const InvalidDocumentError& e) {
            const std::string what = e.what();
            EXPECT_NE(what.find("/content/clips/1"), std::string::npos) << what;
            EXPECT_NE(what.find("metric 'mean'"), std::string::npos) << what;
        }
    });
    // The journal refuses them too, whoever writes the event.
    Event event;
    event.type = "note.recorded";
    event.at = "2026-09-11T15:00:00Z";
    event.actor = "teach";
    event.programme = "school";
    event.data = boost::json::object{{"x", std::numeric_limits<double>::quiet_NaN()}};
    EXPECT_THROW(store->append({event}), InvalidDocumentError);
}

TEST_F(EvidenceItems, TheSizeOfAPipedInputIsWhatWasRead) {
    PipeSource pipe(kReflection);
    engine->add_evidence("pair-1", "", reflection(), pipe, by("teach", "2026-09-11T15:00:00Z"));
    EXPECT_EQ(engine->state().evidence_items().at(0).bytes, std::string_view(kReflection).size());
    EXPECT_EQ(engine->state().evidence_items().at(0).origin, "pipe");
}

TEST_F(EvidenceItems, AFailingPluginIsReportedAsThePluginsFailure) {
    EvidenceInput input;
    input.kind = "broken-source";
    expect_nothing_stored([&] {
        try {
            add("anything", input);
            ADD_FAILURE() << "expected PluginError";
        } catch (const PluginError& e) {
            EXPECT_EQ(e.plugin_id(), "tests");
            EXPECT_NE(e.reason().find("the plugin broke"), std::string::npos) << e.reason();
        }
    });
}

TEST_F(EvidenceItems, CommandsTheRulesRefuseAreRefusedBeforeTheInputIsRead) {
    UnreadableSource unread;
    auto refused = [&](const std::string& rule, const std::string& cycle,
                       const EvidenceInput& input, const std::string& actor,
                       const std::string& stage = "") {
        expect_refused(rule, [&] {
            engine->add_evidence(cycle, stage, input, unread, by(actor, "2026-09-11T15:00:00Z"));
        });
    };
    refused("unknown-cycle", "pair-9", reflection(), "teach");
    EvidenceInput unknown = reflection();
    unknown.kind = "no-such-source";
    refused("unknown-evidence-source", "pair-1", unknown, "teach");
    refused("not-a-member", "pair-1", reflection(), "amy");
    // Who acts is checked as for every command: a stranger is not a person of the programme.
    refused("unknown-person", "pair-1", reflection(), "ghost");
    refused("stage-not-started", "pair-1", reflection(), "teach", "review");
    refused("unknown-stage", "pair-1", reflection(), "teach", "debrief");
    EvidenceInput outsider = reflection();
    outsider.owner = "ben";
    refused("not-a-member", "pair-1", outsider, "teach");
    add("First.", reflection());
    EvidenceInput again = reflection();
    again.id = "pair-1-e1";
    refused("duplicate-id", "pair-1", again, "teach");
    expect_refused("time-order", [&] {
        MemoryByteSource early("Too early.", "early.txt");
        engine->add_evidence("pair-1", "", reflection(), early,
                             by("teach", "2026-09-01T09:00:00Z"));
    });
}

TEST_F(EvidenceItems, EvidenceTheStageDoesNotExpectIsStoredWithAWarning) {
    engine->advance("pair-1", {}, by("teach", "2026-09-11T16:00:00Z"));
    engine->start_stage("pair-1", "", by("teach", "2026-09-12T10:00:00Z"));
    MemoryByteSource bytes(kReflection, "r.txt");
    const auto result = engine->add_evidence("pair-1", "", reflection(), bytes,
                                             by("teach", "2026-09-12T11:00:00Z"));
    ASSERT_EQ(result.warnings.size(), 1u);
    EXPECT_EQ(result.warnings[0].rule, "stage-evidence");
    EXPECT_EQ(engine->state().evidence_items().size(), 1u);
}

}  // namespace
}  // namespace coachkit::testing
