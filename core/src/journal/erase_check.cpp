// The rules an erasure follows (EventStore::erase), for every store.
#include "journal/erase_check.hpp"

#include <set>

#include "coachkit/json/document.hpp"
#include "journal/event_check.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

Diagnostic problem_at(std::string_view store, std::string pointer, std::string message) {
    return Diagnostic{Severity::error,   std::string(store), std::move(pointer), 0, 0,
                      std::move(message)};
}

std::string rewrite_pointer(std::size_t index, std::string_view field) {
    return pointer_append(pointer_append("/rewrites", index), field);
}

/// require_storable's problems for the tombstone, re-pointed from "/0/…" to "/tombstone/…".
void check_tombstone(const Event& tombstone, std::string_view store, Diagnostics& problems) {
    try {
        require_storable({tombstone}, store);
    } catch (const InvalidDocumentError& e) {
        for (Diagnostic d : e.diagnostics()) {
            if (d.pointer.rfind("/0", 0) == 0)
                d.pointer = "/tombstone" + d.pointer.substr(2);
            problems.push_back(std::move(d));
        }
    }
}

}  // namespace

void require_erasable(const std::vector<EventStore::DataRewrite>& rewrites, const Event& tombstone,
                      std::string_view store) {
    Diagnostics problems;
    std::set<std::int64_t> seen;
    for (std::size_t i = 0; i < rewrites.size(); ++i) {
        const auto& rewrite = rewrites[i];
        if (rewrite.sequence < 1) {
            problems.push_back(problem_at(store, rewrite_pointer(i, "sequence"),
                                          "a rewrite must name an event's sequence (1 or more), "
                                          "not " +
                                              std::to_string(rewrite.sequence)));
        } else if (!seen.insert(rewrite.sequence).second) {
            problems.push_back(problem_at(
                store, rewrite_pointer(i, "sequence"),
                "event " + std::to_string(rewrite.sequence) +
                    " is rewritten twice in one erasure: give each event's new data once"));
        }
        if (auto where = find_non_finite_number(rewrite.data, rewrite_pointer(i, "data"))) {
            problems.push_back(problem_at(store, *where,
                                          "a number that is not finite (NaN or infinity) cannot "
                                          "be stored: JSON has no way to write it"));
        }
    }
    check_tombstone(tombstone, store, problems);
    if (!problems.empty())
        throw InvalidDocumentError(std::move(problems));
}

void require_rewrites_exist(const std::vector<EventStore::DataRewrite>& rewrites, std::int64_t last,
                            std::string_view store) {
    Diagnostics problems;
    for (std::size_t i = 0; i < rewrites.size(); ++i) {
        if (rewrites[i].sequence > last) {
            problems.push_back(problem_at(store, rewrite_pointer(i, "sequence"),
                                          "no event " + std::to_string(rewrites[i].sequence) +
                                              " to rewrite: the journal's last sequence is " +
                                              std::to_string(last)));
        }
    }
    if (!problems.empty())
        throw InvalidDocumentError(std::move(problems));
}

COACHKIT_NAMESPACE_END
