// An assessment as a document (`coachkit.assessment/1`, docs/schemas/assessment.schema.json):
// what an `assessment.recorded` event holds, what `coachkit assess --json` prints and what
// Python's Assessment.to_dict() returns.
#pragma once

#include <boost/json/object.hpp>
#include <cstddef>
#include <optional>
#include <string_view>

#include "coachkit/diagnostics/diagnostic.hpp"
#include "coachkit/plugin/rubric.hpp"

COACHKIT_NAMESPACE_BEGIN

/// {"schema": "coachkit.assessment/1", "rubric", "level", "overall", "rationale", "criteria":
/// [{"criterion", "score", "level", "rationale", "citations": [{"ref", "note"}]}], "citations",
/// "details"}.
[[nodiscard]] COACHKIT_API boost::json::object assessment_to_json(const Assessment& assessment);

/// The turn a citation names ("turn:12" → 12), or nullopt when it names a record or anything
/// else. The CLI and the corpus tables read citations this one way.
[[nodiscard]] COACHKIT_API std::optional<std::size_t> cited_turn(const Citation& citation);

/// Reads what assessment_to_json wrote. Problems (a wrong schema tag, a field of the wrong type)
/// go to `out` at their pointers in `origin`; what could be read is returned.
[[nodiscard]] COACHKIT_API Assessment assessment_from_json(const boost::json::object& document,
                                                           std::string_view origin,
                                                           Diagnostics& out);

COACHKIT_NAMESPACE_END
