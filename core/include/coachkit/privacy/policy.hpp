// The privacy policy: one function, decide(), answers allow, deny or redacted for any viewer and
// any record of a programme. Every read path (C++ views, Python, the CLI, export, aggregates)
// asks it; there is no second path. The access matrix it implements is docs/privacy.md's.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coachkit/diagnostics/diagnostic.hpp"

COACHKIT_NAMESPACE_BEGIN

class ProgrammeState;

/// A read the policy refused: the viewer may not see the record at all. rule() is a stable id
/// ("not-in-audience", "unknown-viewer", "aggregate-viewer", …); what() says why in words.
class COACHKIT_API AccessDeniedError : public Error {
public:
    AccessDeniedError(std::string rule, const std::string& message);
    ~AccessDeniedError() override;
    [[nodiscard]] const std::string& rule() const noexcept { return rule_; }

private:
    std::string rule_;
};

enum class Access {
    deny,      ///< not shown at all (a listing leaves it out; asking for it is refused)
    redacted,  ///< shown without its confidential fields (docs/privacy.md says which)
    allow,     ///< shown in full
};
[[nodiscard]] COACHKIT_API std::string_view to_string(Access access);

/// The kinds of record a programme holds.
enum class RecordKind {
    person,        ///< the staff directory: names and posts
    partnership,   ///< who works with whom, in which mode, on what focus
    agreement,     ///< a partnership's learning agreement
    cycle,         ///< a cycle's progress: stages, dates, status
    stage_record,  ///< a stage's written record (and grade)
    note,          ///< a note made at a stage
    action,        ///< an action the partners agreed
    evidence,      ///< evidence stored or referenced (not video)
    video,         ///< evidence of privacy class pupil-images: video of a lesson
    assessment,    ///< a rubric's assessment recorded against a cycle
};
/// "person", "partnership", "agreement", "cycle", "stage-record", "note", "action", "evidence",
/// "video", "assessment".
[[nodiscard]] COACHKIT_API std::string_view to_string(RecordKind kind);
[[nodiscard]] COACHKIT_API std::optional<RecordKind> parse_record_kind(std::string_view text);
[[nodiscard]] COACHKIT_API const std::vector<RecordKind>& all_record_kinds();

/// How a viewer stands to a record. A person may stand in several ways at once (a mentor who is
/// also the learner's line manager); the policy gives the most open of their answers.
enum class Relation {
    owner,         ///< whose the record is: the cycle's learner, the item's owner
    partner,       ///< a mentor, coach or co-coach in the record's partnership
    observer,      ///< the observer of a triad
    coordinator,   ///< the coaching co-ordinator (post), not in the partnership
    leader,        ///< a senior leader, not in the partnership
    line_manager,  ///< the owner's line manager
    integration,   ///< a service account (an MIS connection)
    video_viewer,  ///< someone the owner added as a viewer of this video
    other,         ///< anyone else in the programme
};
/// "owner", "partner", "observer", "coordinator", "leader", "line-manager", "integration",
/// "video-viewer", "other".
[[nodiscard]] COACHKIT_API std::string_view to_string(Relation relation);
[[nodiscard]] COACHKIT_API const std::vector<Relation>& all_relations();

/// One record: its kind, its stable id ("note:c-1/observe/1", docs/privacy.md lists the forms),
/// where it sits and whose it is.
struct COACHKIT_API RecordRef {
    RecordKind kind = RecordKind::person;
    std::string id;
    std::string partnership;
    std::string cycle;
    std::vector<std::string> owners;  ///< the learner(s) whose record it is; empty for a person
    std::string item;                 ///< for evidence stored as an item: the item's id

    [[nodiscard]] bool owned_by(std::string_view person) const {
        return std::find(owners.begin(), owners.end(), person) != owners.end();
    }
};

/// The policy's answer, with the relation that gave it and the reason in words.
struct COACHKIT_API Decision {
    Access access = Access::deny;
    Relation relation = Relation::other;
    /// For a redacted evidence item: shown as an anonymised training excerpt (no ids, names
    /// replaced by roles) rather than as an identified record without its content.
    bool anonymised = false;
    std::string reason;
};

/// THE policy. `viewer` is a person id in the programme (an unknown id is denied, never an
/// error). Consent and erasure are read from `state` each time, so a withdrawal holds from the
/// next read on.
[[nodiscard]] COACHKIT_API Decision decide(const ProgrammeState& state, std::string_view viewer,
                                           const RecordRef& record);

/// Every relation `viewer` has to `record` (none for an unknown viewer).
[[nodiscard]] COACHKIT_API std::vector<Relation> relations(const ProgrammeState& state,
                                                           std::string_view viewer,
                                                           const RecordRef& record);

/// The default answer for a relation and a record kind, with no consent given: the access
/// matrix's cells (docs/privacy.md prints the same table; a test holds them together).
[[nodiscard]] COACHKIT_API Access default_access(Relation relation, RecordKind kind);

/// Every record the state holds, in a stable order (people, partnerships, agreements, then each
/// cycle followed by its stage records, notes, actions and evidence).
[[nodiscard]] COACHKIT_API std::vector<RecordRef> records_of(const ProgrammeState& state);
/// One record by id (nothing if the state has no such record).
[[nodiscard]] COACHKIT_API std::optional<RecordRef> find_record(const ProgrammeState& state,
                                                                std::string_view id);

/// The k of k-anonymity for aggregates: the programme's setting (default 5, never below 2).
inline constexpr int kDefaultAnonymityK = 5;
inline constexpr int kMinimumAnonymityK = 2;

COACHKIT_NAMESPACE_END
