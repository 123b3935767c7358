// Events: every change to a programme, as it is appended to the journal.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "coachkit/diagnostics/diagnostic.hpp"
#include "coachkit/journal/time.hpp"

COACHKIT_NAMESPACE_BEGIN

/// One change. The current state of a programme is what replaying its events in sequence gives.
/// As JSON it is tagged `"schema": "coachkit.event/1"` (see docs/journal.md).
struct COACHKIT_API Event {
    std::int64_t sequence =
        0;              ///< position in the journal, assigned on append: 1, 2, 3… with no gaps
    std::string type;   ///< what happened, e.g. "person.added", "cycle.started"
    std::string at;     ///< when, ISO 8601 UTC, e.g. "2026-11-22T14:05:00Z"
    std::string actor;  ///< who did it: a person id, or "system"
    std::string programme;     ///< the programme's id
    std::string partnership;   ///< the partnership concerned, if any
    std::string cycle;         ///< the cycle concerned, if any
    boost::json::object data;  ///< the event's own facts; fields a reader does not know are kept
};

/// The event as a `coachkit.event/1` document.
[[nodiscard]] COACHKIT_API boost::json::object to_json(const Event& event);

/// Reads an event document; problems (with `origin` and JSON pointers under `pointer`) go to `out`.
[[nodiscard]] COACHKIT_API std::optional<Event> event_from_json(const boost::json::value& value,
                                                                std::string_view origin,
                                                                std::string_view pointer,
                                                                Diagnostics& out);

COACHKIT_NAMESPACE_END
