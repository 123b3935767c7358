// The principles audit's input: one person's view of a programme (`coachkit.programme-view/1`,
// docs/privacy.md), read into the few facts the audit looks at, each with the privacy record id a
// finding cites (docs/privacy.md, "Records").
#pragma once

#include <boost/json/value.hpp>
#include <coachkit/diagnostics/diagnostic.hpp>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace coachkit::audit {

struct MemberRecord {
    std::string person;
    std::string
        role;  ///< framework role: mentor, specialist-coach, co-coach, professional-learner…
};

struct PartnershipRecord {
    std::string id;
    std::string mode;
    std::string focus;
    std::string focus_chosen_by;
    std::string specialist_input;
    std::vector<MemberRecord> members;
    bool redacted = false;  ///< the viewer sees it without purpose, focus and specialist input

    /// The people who learn in it: its professional learners; in co-coaching every co-coach.
    [[nodiscard]] std::vector<std::string> learners() const;
    /// The people who support: mentors, specialist coaches, co-coaches.
    [[nodiscard]] std::vector<std::string> practitioners() const;
    [[nodiscard]] bool has_role(const std::string& person, const std::string& role) const;
};

struct AgreementRecord {
    std::string partnership;
    std::size_t goals = 0;
    std::size_t goals_with_school_priority = 0;
    std::size_t ground_rules = 0;
    std::optional<long long> planned_weeks;
    std::optional<long long> planned_cycles;
    std::vector<std::string> review_dates;
    std::vector<std::string> signed_by;
    bool signed_by_all = false;
    bool redacted = false;  ///< goals and ground rules withheld from the viewer
};

/// An evidence entry of a stage: a stored item or a reference.
struct EvidenceEntry {
    std::string record;  ///< `evidence:ITEM` or `evidence:C/S/N`; empty when not known exactly
    std::string source;  ///< the evidence source (a stored item's kind)
    std::string item;    ///< the stored item's id, if stored
    std::string by;
    std::string owner;  ///< a stored item's owner (the view's evidence_items), else empty
};

struct NoteRecord {
    std::string record;  ///< `note:C/S/N`
    std::string by;
};

struct StageRecord {
    std::string id;
    std::string status;
    std::string scheduled_for;
    std::string scheduled_by;
    std::string record_by;  ///< who wrote the stage's record; empty when none or not shown
    bool has_record = false;
    std::vector<EvidenceEntry> evidence;
    std::vector<NoteRecord> notes;
};

struct ActionRecord {
    std::string record;  ///< `action:C/N`
    std::string owner;
    std::string by;
};

struct CycleRecord {
    std::string id;
    std::string partnership;
    long long number = 0;
    std::string learner;
    std::string status;
    std::vector<StageRecord> stages;
    std::vector<ActionRecord> actions;
};

struct WithheldRecord {
    std::string record;
    std::string kind;
    bool removed = false;  ///< left out of the view (denied, or shown only as an excerpt)
};

struct ProgrammeRecords {
    std::optional<std::string> viewer;  ///< absent when the input does not say whose view it is
    std::map<std::string, std::string> staff_roles;  ///< person id -> staff role
    std::vector<PartnershipRecord> partnerships;
    std::map<std::string, AgreementRecord> agreements;  ///< by partnership
    std::vector<CycleRecord> cycles;
    std::vector<WithheldRecord> withheld;

    [[nodiscard]] const PartnershipRecord* partnership(const std::string& id) const;
    [[nodiscard]] std::vector<const CycleRecord*> cycles_of(const std::string& partnership) const;
    /// The withheld records that belong to `partnership` (its own, its agreement's, and those of
    /// its cycles the viewer sees). Records of a cycle the viewer does not see cannot be placed.
    [[nodiscard]] std::vector<const WithheldRecord*> withheld_of(
        const std::string& partnership) const;
};

/// Reads the programme view at `pointer` ("/programme") of the input. Problems go to `out`; nothing
/// is returned when the view cannot be used (not an object, a journal export instead of a view, no
/// partnerships list). Never throws for bad input.
[[nodiscard]] std::optional<ProgrammeRecords> read_programme_view(const boost::json::value& value,
                                                                  const std::string& pointer,
                                                                  Diagnostics& out);

}  // namespace coachkit::audit
