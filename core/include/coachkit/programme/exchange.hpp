// Whole programmes in and out as one `coachkit.programme/1` document: the journal's events (the
// truth) and the state they give (for readers that do not replay). See docs/programme.md.
#pragma once

#include <boost/json/object.hpp>
#include <filesystem>
#include <string_view>

#include "coachkit/journal/store.hpp"
#include "coachkit/programme/state.hpp"

COACHKIT_NAMESPACE_BEGIN

/// The document for everything in `store`. Exporting then importing gives back the same events,
/// field for field.
[[nodiscard]] COACHKIT_API boost::json::object export_programme(const EventStore& store);

/// Reads a programme document into `store`, which must be empty, in one transaction. The whole
/// document is checked first (its events in order and numbered 1, 2, 3…, each a valid event of
/// the one programme, replaying cleanly, and the `state` section, if present, equal to what the
/// events give); any problem throws InvalidDocumentError naming `origin`, the JSON pointer and the
/// reason, and nothing is written. Returns the imported state.
COACHKIT_API ProgrammeState import_programme(const boost::json::value& document, EventStore& store,
                                             std::string_view origin);

/// The same, reading `path` (syntax errors name the line and column).
COACHKIT_API ProgrammeState import_programme_file(const std::filesystem::path& path,
                                                  EventStore& store);

COACHKIT_NAMESPACE_END
