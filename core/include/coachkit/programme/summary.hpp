// The programme summary a co-ordinator reads: partnerships, their agreements and cycles, and the
// framework warnings. (The privacy issue will decide who may read which part.)
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "coachkit/programme/conformance.hpp"
#include "coachkit/programme/state.hpp"

COACHKIT_NAMESPACE_BEGIN

struct COACHKIT_API PartnershipSummary {
    std::string id;
    std::string mode;
    std::string workflow;
    std::vector<Member> members;
    std::string agreement;  ///< "none", "drafted (1 of 2 signed)" or "signed"
    std::optional<int> planned_cycles;
    int cycles_closed = 0;
    int cycles_open = 0;
    int cycles_abandoned = 0;
    std::string current;  ///< the open cycle and its current stage, e.g. "sc-1-2 at lesson"
};

struct COACHKIT_API ProgrammeSummary {
    std::string id;
    std::string name;
    std::size_t people = 0;
    std::size_t events = 0;
    std::vector<PartnershipSummary> partnerships;
    std::vector<Finding> findings;  ///< check_conformance on the programme
};

[[nodiscard]] COACHKIT_API ProgrammeSummary summarise(const ProgrammeState& state);

COACHKIT_NAMESPACE_END
