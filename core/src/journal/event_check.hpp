// Private: the rules every stored event follows, shared by the JSON reader and the stores.
#pragma once

#include <string_view>
#include <vector>

#include "coachkit/journal/event.hpp"

COACHKIT_NAMESPACE_BEGIN

/// Checks events before a store writes them, by the rules event_from_json applies to the same
/// fields: `type` (lower-case words joined by '.'), `at` (ISO 8601 UTC to the second), `actor` and
/// `programme` (not empty). Problems name `store` as the file and `/<index in the batch>/<field>`
/// as the pointer; if there are any, throws InvalidDocumentError carrying them all.
void require_storable(const std::vector<Event>& events, std::string_view store);

COACHKIT_NAMESPACE_END
