// The access matrix, cell by cell. docs/privacy.md prints two tables: the default cells and what
// each consent opens. These tests read both tables back from the document, hold the first to
// default_access() (docs and code cannot drift), and then use them as the expected answer for
// every viewer, every record and every consent state, through every C++ read path: decide(), the
// engine's full view, its JSON, and a view asked for one record. A confidential text that shows
// where the tables say it may not is a leak, and fails here.
#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "privacy/privacy_programme.hpp"

namespace coachkit::testing {
namespace {

// ---- the tables in docs/privacy.md ------------------------------------------------------------

/// What a table cell may say. Ordered from closed to open: an anonymised excerpt gives less than
/// an identified record without its content, which gives less than the whole record.
enum class Cell { deny, excerpt, redacted, allow };

std::optional<Cell> parse_cell(std::string_view text) {
    if (text == "allow")
        return Cell::allow;
    if (text == "redacted")
        return Cell::redacted;
    if (text == "deny")
        return Cell::deny;
    if (text == "excerpt")
        return Cell::excerpt;
    return std::nullopt;
}

Cell cell_of(Access access) {
    switch (access) {
        case Access::allow:
            return Cell::allow;
        case Access::redacted:
            return Cell::redacted;
        case Access::deny:
            return Cell::deny;
    }
    return Cell::deny;
}

const char* to_text(Cell cell) {
    switch (cell) {
        case Cell::allow:
            return "allow";
        case Cell::redacted:
            return "redacted";
        case Cell::excerpt:
            return "excerpt";
        case Cell::deny:
            return "deny";
    }
    return "?";
}

std::string trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '`'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '`'))
        text.remove_suffix(1);
    return std::string(text);
}

/// "| a | b |" → {"a", "b"} (backticks and spaces around each cell removed).
std::vector<std::string> cells_of(std::string_view line) {
    std::vector<std::string> out;
    line.remove_prefix(1);  // the leading '|'
    while (!line.empty()) {
        const auto bar = line.find('|');
        if (bar == std::string_view::npos)
            break;
        out.push_back(trim(line.substr(0, bar)));
        line.remove_prefix(bar + 1);
    }
    return out;
}

struct Table {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
};

std::string read_doc() {
    std::ifstream in(std::string(COACHKIT_SOURCE_DIR) + "/docs/privacy.md");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

/// The first Markdown table in `doc` whose header starts with the cells `first`, "person" (the
/// first record kind); an empty table if none.
Table table_in(const std::string& doc, const std::string& first) {
    Table table;
    std::istringstream lines(doc);
    std::string line;
    while (std::getline(lines, line)) {
        if (!line.starts_with("|"))
            continue;
        const auto header = cells_of(line);
        if (header.size() < 2 || header[0] != first || header[1] != "person")
            continue;
        table.header = header;
        std::getline(lines, line);  // the | --- | line
        while (std::getline(lines, line) && line.starts_with("|"))
            table.rows.push_back(cells_of(line));
        break;
    }
    return table;
}

std::optional<Relation> parse_relation(std::string_view text) {
    for (const Relation r : all_relations()) {
        if (to_string(r) == text)
            return r;
    }
    return std::nullopt;
}

using Matrix = std::map<std::pair<Relation, RecordKind>, Cell>;

/// The record kinds of a table's header, after its first cell; every kind exactly once.
std::vector<RecordKind> kinds_of(const Table& table) {
    std::vector<RecordKind> kinds;
    for (std::size_t i = 1; i < table.header.size(); ++i) {
        const auto kind = parse_record_kind(table.header[i]);
        EXPECT_TRUE(kind) << "column '" << table.header[i] << "' is not a record kind";
        if (kind)
            kinds.push_back(*kind);
    }
    EXPECT_EQ(kinds.size(), all_record_kinds().size()) << "one column per record kind";
    return kinds;
}

/// docs/privacy.md's default matrix, cell by cell.
Matrix doc_matrix() {
    const Table table = table_in(read_doc(), "relation");
    Matrix out;
    const auto kinds = kinds_of(table);
    for (const auto& row : table.rows) {
        const auto relation = parse_relation(row.at(0));
        EXPECT_TRUE(relation) << "row '" << row.at(0) << "' is not a relation";
        EXPECT_EQ(row.size(), kinds.size() + 1) << "row '" << row.at(0) << "'";
        for (std::size_t i = 0; relation && i < kinds.size() && i + 1 < row.size(); ++i) {
            const auto cell = parse_cell(row[i + 1]);
            EXPECT_TRUE(cell && *cell != Cell::excerpt)
                << "'" << row[i + 1] << "' in row " << row[0] << ": allow, redacted or deny";
            EXPECT_TRUE(
                out.emplace(std::pair{*relation, kinds[i]}, cell.value_or(Cell::deny)).second)
                << "row '" << row[0] << "' is in the table twice";
        }
    }
    return out;
}

/// What one consent opens for one relation, per record kind.
struct ConsentRow {
    ConsentKind consent = ConsentKind::share_with_coordinator;
    Relation relation = Relation::other;
    std::map<RecordKind, Cell> cells;
};

/// docs/privacy.md's "with consent" table: rows "KIND → RELATION".
std::vector<ConsentRow> doc_consent_rows() {
    const Table table = table_in(read_doc(), "consent → opens for");
    std::vector<ConsentRow> out;
    const auto kinds = kinds_of(table);
    for (const auto& row : table.rows) {
        const std::string& key = row.at(0);
        const auto arrow = key.find(" → ");
        EXPECT_NE(arrow, std::string::npos) << "'" << key << "': CONSENT → RELATION";
        if (arrow == std::string::npos)
            continue;
        const auto consent = parse_consent_kind(trim(key.substr(0, arrow)));
        const auto relation = parse_relation(trim(key.substr(arrow + std::string(" → ").size())));
        EXPECT_TRUE(consent && relation) << "'" << key << "'";
        if (!consent || !relation)
            continue;
        ConsentRow parsed{*consent, *relation, {}};
        for (std::size_t i = 0; i < kinds.size() && i + 1 < row.size(); ++i) {
            const auto cell = parse_cell(row[i + 1]);
            EXPECT_TRUE(cell) << "'" << row[i + 1] << "' in row " << key;
            parsed.cells[kinds[i]] = cell.value_or(Cell::deny);
        }
        out.push_back(std::move(parsed));
    }
    return out;
}

TEST(AccessMatrix, TheDocumentsTableIsThePolicysDefaults) {
    const Matrix doc = doc_matrix();
    ASSERT_EQ(doc.size(), all_relations().size() * all_record_kinds().size())
        << "docs/privacy.md must have a table headed '| relation | person | partnership | …' "
           "with a row for every relation";
    for (const Relation relation : all_relations()) {
        for (const RecordKind kind : all_record_kinds()) {
            EXPECT_EQ(doc.at({relation, kind}), cell_of(default_access(relation, kind)))
                << "docs/privacy.md says " << to_text(doc.at({relation, kind})) << " for "
                << to_string(relation) << " × " << to_string(kind) << ", the code "
                << to_string(default_access(relation, kind));
        }
    }
}

TEST(AccessMatrix, TheDocumentSaysWhatEachConsentOpens) {
    const auto rows = doc_consent_rows();
    const Matrix defaults = doc_matrix();
    std::set<ConsentKind> kinds;
    for (const auto& row : rows) {
        kinds.insert(row.consent);
        ASSERT_EQ(row.cells.size(), all_record_kinds().size());
        for (const auto& [kind, cell] : row.cells) {
            EXPECT_GE(cell, defaults.at({row.relation, kind}))
                << "a consent never closes anything: " << to_string(row.consent) << " → "
                << to_string(row.relation) << " × " << to_string(kind);
        }
    }
    EXPECT_EQ(kinds.size(), all_consent_kinds().size()) << "a row for every consent kind";
}

TEST(AccessMatrix, TableParserRejectsWhatIsNotATable) {
    EXPECT_TRUE(table_in("no tables here\n", "relation").rows.empty());
    EXPECT_TRUE(
        table_in("| relation | who |\n| --- | --- |\n| owner | x |\n", "relation").rows.empty())
        << "only a table with record kinds for columns";
    const Table t =
        table_in("| relation | person |\n| --- | --- |\n| owner | allow |\n\n", "relation");
    ASSERT_EQ(t.rows.size(), 1u);
    EXPECT_EQ(t.rows[0], (std::vector<std::string>{"owner", "allow"}));
    EXPECT_FALSE(parse_cell("Allow"));
    EXPECT_FALSE(parse_relation("line_manager"));
}

// ---- every viewer × every record × every consent state ----------------------------------------

std::string state_name(const ::testing::TestParamInfo<ConsentKind>& info) {
    std::string name(to_string(info.param));
    std::replace(name.begin(), name.end(), '-', '_');
    return name;
}

ConsentScope scope_for(ConsentKind kind) {
    switch (kind) {
        case ConsentKind::share_with_coordinator:
            return PrivacyProgramme::share_with_coordinator();
        case ConsentKind::performance_management:
            return PrivacyProgramme::performance_management();
        case ConsentKind::video_viewer:
            return PrivacyProgramme::video_viewer();
        case ConsentKind::training_excerpt:
            return PrivacyProgramme::training_excerpt();
    }
    return {};
}

/// Whether the consent the tests grant of `kind` covers `record`.
bool covers(ConsentKind kind, const MarkedRecord& record) {
    switch (kind) {
        case ConsentKind::share_with_coordinator:
        case ConsentKind::performance_management:
            return true;  // the whole partnership's records
        case ConsentKind::video_viewer:
            return record.id == "evidence:lesson-video";
        case ConsentKind::training_excerpt:
            return record.id == "evidence:lesson-talk";
    }
    return false;
}

class EveryCell : public ::testing::TestWithParam<ConsentKind> {
protected:
    PrivacyProgramme programme{make_memory_store()};
    Matrix defaults = doc_matrix();
    std::vector<ConsentRow> consent_rows = doc_consent_rows();

    /// The tables' answer for `viewer` and `record` while `active` holds.
    [[nodiscard]] std::pair<Cell, Relation> expected(const PrivacyViewer& viewer,
                                                     const MarkedRecord& record,
                                                     std::optional<ConsentKind> active) const {
        Cell cell = defaults.at({viewer.relation, record.kind});
        Relation relation = viewer.relation;
        if (!active || !covers(*active, record))
            return {cell, relation};
        const ConsentScope scope = scope_for(*active);
        for (const auto& row : consent_rows) {
            if (row.consent != *active)
                continue;
            // The video-viewer row is for the person the consent names; the others for a relation.
            const bool applies = row.relation == Relation::video_viewer
                                     ? viewer.id == scope.viewer
                                     : row.relation == viewer.relation;
            if (applies && row.cells.at(record.kind) > cell) {
                cell = row.cells.at(record.kind);
                relation = row.relation;
            }
        }
        return {cell, relation};
    }

    /// Whether the record is there (with or without its content) in a view's state.
    static bool present(const ProgrammeState& s, const MarkedRecord& record) {
        const Cycle* c = s.cycle("pair-1");
        const StageProgress* lesson = c != nullptr ? c->stage("lesson") : nullptr;
        const auto reference = [&](const std::string& source) {
            return lesson != nullptr &&
                   std::any_of(
                       lesson->evidence.begin(), lesson->evidence.end(),
                       [&](const EvidenceRef& r) { return r.item.empty() && r.source == source; });
        };
        if (record.id == "partnership:pair")
            return s.partnership("pair") != nullptr;
        if (record.id == "agreement:pair")
            return s.agreement("pair") != nullptr;
        if (record.id == "cycle:pair-1")
            return c != nullptr;
        if (record.id == "stage-record:pair-1/plan")
            return c != nullptr && !c->stage("plan")->record.empty();
        if (record.id == "note:pair-1/lesson/1")
            return lesson != nullptr && !lesson->notes.empty();
        if (record.id == "action:pair-1/1")
            return c != nullptr && !c->actions.empty();
        if (record.id == "assessment:pair-1/1")
            return c != nullptr && !c->assessments.empty();
        if (record.id == "evidence:pair-1/lesson/1")
            return reference("observation-record");
        if (record.id == "evidence:pair-1/lesson/4")
            return reference("video");
        if (record.id == "evidence:lesson-talk")
            return s.evidence_item("lesson-talk") != nullptr;
        if (record.id == "evidence:lesson-video")
            return s.evidence_item("lesson-video") != nullptr;
        ADD_FAILURE() << "no presence check for " << record.id;
        return false;
    }

    /// Every check for every viewer and record while `active` holds.
    void check_every_cell(std::optional<ConsentKind> active, const std::string& when) {
        const ProgrammeState& state = programme.engine->state();
        for (const auto& viewer : PrivacyProgramme::viewers()) {
            SCOPED_TRACE(when + ", viewer " + viewer.id + " (" +
                         std::string(to_string(viewer.relation)) + ")");
            const ProgrammeView view = programme.engine->view(viewer.id, {"test", "", ""});
            boost::json::object document = to_json(view);
            const std::string excerpts = text_of(document.at("excerpts"));
            document.erase("excerpts");
            const std::string rest = text_of(document);

            std::set<std::string> may_show;          // markers the viewer may read anywhere
            std::set<std::string> may_show_excerpt;  // … and only in an anonymised excerpt
            for (const auto& record : PrivacyProgramme::records()) {
                SCOPED_TRACE(record.id);
                const auto [cell, relation] = expected(viewer, record, active);
                const auto ref = find_record(state, record.id);
                ASSERT_TRUE(ref) << "the programme has no " << record.id;

                // decide(): the policy's own answer.
                const Decision d = decide(state, viewer.id, *ref);
                EXPECT_EQ(d.access, cell == Cell::excerpt
                                        ? Access::redacted
                                        : (cell == Cell::allow      ? Access::allow
                                           : cell == Cell::redacted ? Access::redacted
                                                                    : Access::deny))
                    << "expected " << to_text(cell) << ", decide() says " << to_string(d.access)
                    << " (" << d.reason << ")";
                EXPECT_EQ(d.anonymised, cell == Cell::excerpt) << d.reason;
                EXPECT_EQ(d.relation, relation) << d.reason;

                // The full view, as a program sees it and as JSON.
                const auto shown =
                    std::find_if(view.shown.begin(), view.shown.end(),
                                 [&](const ShownRecord& s) { return s.record.id == record.id; });
                const auto withheld =
                    std::find_if(view.withheld.begin(), view.withheld.end(),
                                 [&](const WithheldRecord& w) { return w.record == record.id; });
                const bool listed = shown != view.shown.end();
                switch (cell) {
                    case Cell::allow:
                        EXPECT_TRUE(listed);
                        EXPECT_EQ(withheld, view.withheld.end());
                        EXPECT_TRUE(present(view.state, record));
                        for (const auto& m : record.markers) {
                            EXPECT_TRUE(holds(rest, m))
                                << m << " is missing from an allowed record";
                            may_show.insert(m);
                        }
                        break;
                    case Cell::redacted:
                        EXPECT_TRUE(listed);
                        EXPECT_TRUE(withheld != view.withheld.end() &&
                                    withheld->access == Access::redacted && !withheld->excerpt);
                        EXPECT_TRUE(present(view.state, record))
                            << "a redacted record is shown, without its content";
                        break;
                    case Cell::excerpt:
                        EXPECT_FALSE(listed) << "an excerpt is never joined to its record";
                        EXPECT_FALSE(present(view.state, record));
                        EXPECT_TRUE(withheld != view.withheld.end() && withheld->excerpt);
                        for (const auto& m : record.excerpt_markers) {
                            EXPECT_TRUE(holds(excerpts, m))
                                << m << " is missing from the excerpt: the turns the consent "
                                << "shares were dropped (" << excerpts << ")";
                            may_show_excerpt.insert(m);
                        }
                        break;
                    case Cell::deny:
                        EXPECT_FALSE(listed);
                        EXPECT_FALSE(present(view.state, record)) << "a denied record shows";
                        EXPECT_TRUE(withheld != view.withheld.end() &&
                                    withheld->access == Access::deny);
                        break;
                }

                // A view asked for this record alone: refused exactly when it is denied.
                try {
                    const ProgrammeView scoped =
                        programme.engine->view(viewer.id, {"test scope", record.id, ""});
                    EXPECT_NE(cell, Cell::deny) << "a denied record was given as a scope";
                    expect_no_leak(scoped, viewer, active, "the view scoped to " + record.id);
                } catch (const AccessDeniedError& e) {
                    EXPECT_EQ(cell, Cell::deny) << e.what();
                    EXPECT_EQ(e.rule(), "not-in-audience");
                }
            }

            // The staff directory: every person, in every relation, by the table's person column.
            for (const auto& person : state.people()) {
                const auto ref = find_record(state, "person:" + person.id);
                ASSERT_TRUE(ref);
                Cell cell = Cell::deny;
                for (const Relation r : coachkit::relations(state, viewer.id, *ref))
                    cell = std::max(cell, defaults.at({r, RecordKind::person}));
                EXPECT_EQ(cell_of(decide(state, viewer.id, *ref).access), cell) << ref->id;
                EXPECT_EQ(view.state.person(person.id) != nullptr, cell == Cell::allow) << ref->id;
                EXPECT_NO_THROW(
                    (void)programme.engine->view(viewer.id, {"test scope", ref->id, ""}));
            }

            // Zero leaks: no marker the viewer may not read is anywhere in what they got.
            for (const auto& m : PrivacyProgramme::all_markers()) {
                if (may_show.count(m) == 0) {
                    EXPECT_FALSE(holds(rest, m)) << "LEAK: " << m << " in the view";
                }
                if (may_show.count(m) == 0 && may_show_excerpt.count(m) == 0) {
                    EXPECT_FALSE(holds(excerpts, m)) << "LEAK: " << m << " in an excerpt";
                }
            }
            // An excerpt names no one and points to no record.
            for (const auto& name : programme.names()) {
                EXPECT_FALSE(holds(excerpts, name))
                    << "LEAK: the anonymised excerpt names '" << name << "': " << excerpts;
            }
            for (const char* id : {"lesson-talk", "pair-1", "\"lea\""}) {
                EXPECT_FALSE(holds(excerpts, id)) << "LEAK: the excerpt holds " << id;
            }
        }
    }

    /// No marker outside what the tables allow `viewer` is in `view`'s JSON.
    void expect_no_leak(const ProgrammeView& view, const PrivacyViewer& viewer,
                        std::optional<ConsentKind> active, const std::string& what) const {
        const std::string text = text_of(to_json(view));
        for (const auto& record : PrivacyProgramme::records()) {
            const Cell cell = expected(viewer, record, active).first;
            for (const auto& m : record.markers) {
                const bool excerpted =
                    cell == Cell::excerpt &&
                    std::find(record.excerpt_markers.begin(), record.excerpt_markers.end(), m) !=
                        record.excerpt_markers.end();
                if (cell != Cell::allow && !excerpted) {
                    EXPECT_FALSE(holds(text, m)) << "LEAK: " << m << " in " << what;
                }
            }
        }
    }
};

TEST_P(EveryCell, BeforeGrantWhileItHoldsAndAfterWithdrawal) {
    const ConsentKind kind = GetParam();
    check_every_cell(std::nullopt, "no consent");
    const auto granted =
        programme.engine->grant_consent(scope_for(kind), by("lea", programme.next_time()));
    const std::string id = std::string(granted.events.at(0).data.at("id").as_string());
    check_every_cell(kind, std::string(to_string(kind)) + " granted");
    programme.engine->withdraw_consent(id, by("lea", programme.next_time()));
    check_every_cell(std::nullopt, std::string(to_string(kind)) + " withdrawn");
}

INSTANTIATE_TEST_SUITE_P(Consents, EveryCell,
                         ::testing::Values(ConsentKind::share_with_coordinator,
                                           ConsentKind::performance_management,
                                           ConsentKind::video_viewer,
                                           ConsentKind::training_excerpt),
                         state_name);

TEST(EveryCellFixture, MarkersAreDistinct) {
    // A marker inside another would make "absent" checks pass or fail by accident.
    const auto markers = PrivacyProgramme::all_markers();
    for (const auto& a : markers) {
        for (const auto& b : markers) {
            if (&a != &b) {
                EXPECT_FALSE(holds(a, b)) << b << " is part of " << a;
            }
        }
    }
}

TEST(EveryCellFixture, EveryRecordKindAndRelationIsCovered) {
    PrivacyProgramme programme{make_memory_store()};
    std::set<RecordKind> kinds{RecordKind::person};
    for (const auto& r : PrivacyProgramme::records())
        kinds.insert(r.kind);
    EXPECT_EQ(kinds.size(), all_record_kinds().size());
    std::set<Relation> relations{Relation::video_viewer};  // vv, by consent
    for (const auto& v : PrivacyProgramme::viewers()) {
        relations.insert(v.relation);
        for (const auto& r : PrivacyProgramme::records()) {
            const auto ref = find_record(programme.engine->state(), r.id);
            ASSERT_TRUE(ref) << r.id;
            EXPECT_EQ(coachkit::relations(programme.engine->state(), v.id, *ref),
                      std::vector<Relation>{v.relation})
                << v.id << " stands in one relation to " << r.id;
        }
    }
    EXPECT_EQ(relations.size(), all_relations().size());
    // Every record the policy lists is one the tests mark (people aside).
    for (const auto& ref : records_of(programme.engine->state())) {
        if (ref.kind != RecordKind::person) {
            EXPECT_NO_THROW((void)PrivacyProgramme::record(ref.id)) << ref.id;
        }
    }
}

}  // namespace
}  // namespace coachkit::testing
