// A viewer's view of a programme: a copy of its state with every record the policy denies left
// out and every redacted record stripped of its confidential fields. Printing, exporting and
// scripting work on views, never on the journal's own state (docs/privacy.md).
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "coachkit/privacy/policy.hpp"
#include "coachkit/programme/state.hpp"

COACHKIT_NAMESPACE_BEGIN

/// A record the view shows, and how.
struct COACHKIT_API ShownRecord {
    RecordRef record;
    Decision decision;  ///< allow or redacted
};

/// A record the view holds back or strips, with the policy's reason.
struct COACHKIT_API WithheldRecord {
    std::string record;
    RecordKind kind = RecordKind::note;
    Access access = Access::deny;  ///< deny (left out) or redacted (fields removed)
    bool excerpt = false;          ///< shown only as an anonymised training excerpt
    std::string reason;
};

struct COACHKIT_API ProgrammeView {
    std::string viewer;
    std::string scope;     ///< the record the view was asked for; empty: the whole programme
    ProgrammeState state;  ///< only what the viewer may see
    std::vector<ShownRecord> shown;
    std::vector<WithheldRecord> withheld;
    /// Anonymised training excerpts the viewer may see: no ids, no names (docs/privacy.md).
    boost::json::array excerpts;
};

/// The view of `state` for `viewer`, limited to `scope` (a record id: "cycle:c-1" takes the cycle
/// and what it holds; "evidence:c-1-e1" one item; empty: everything). Pure: it writes nothing;
/// ProgrammeEngine::view is the same with the audit entries written.
[[nodiscard]] COACHKIT_API ProgrammeView view_as(const ProgrammeState& state,
                                                 std::string_view viewer,
                                                 std::string_view scope = {});

/// Whether `record` falls within `scope` (see view_as).
[[nodiscard]] COACHKIT_API bool in_scope(const RecordRef& record, std::string_view scope);

/// The view as JSON: the state's document (as to_json(ProgrammeState)) plus "viewer", "withheld"
/// and "excerpts". What `programme show --json --as P` prints and `export --as P` writes.
[[nodiscard]] COACHKIT_API boost::json::object to_json(const ProgrammeView& view);

COACHKIT_NAMESPACE_END
