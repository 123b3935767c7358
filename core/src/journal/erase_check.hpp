// Private: the rules an erasure follows, shared by every store's EventStore::erase.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "coachkit/journal/store.hpp"

COACHKIT_NAMESPACE_BEGIN

/// Checks an erasure before the store takes its lock, by the rules append follows: each rewrite
/// names a sequence from 1, no sequence twice, and its data holds no NaN or infinity; the
/// tombstone passes require_storable. Problems name `store` as the file and
/// `/rewrites/<index>/<field>` or `/tombstone/<field>` as the pointer; if there are any, throws
/// InvalidDocumentError carrying them all.
void require_erasable(const std::vector<EventStore::DataRewrite>& rewrites, const Event& tombstone,
                      std::string_view store);

/// Checks, under the store's lock, that each rewrite names an event the journal holds: sequences
/// run 1..`last` with no gaps, and the tombstone will be `last` + 1. Throws InvalidDocumentError
/// as require_erasable does.
void require_rewrites_exist(const std::vector<EventStore::DataRewrite>& rewrites, std::int64_t last,
                            std::string_view store);

COACHKIT_NAMESPACE_END
