// The checks of the principles audit: for one partnership, what its records (as the viewer sees
// them) show of each of the ten principles of 001_02d9a7e25f685ada.txt. The rules, one by one,
// are in docs/skills-and-principles.md.
#pragma once

#include <coachkit/plugin/rubric.hpp>
#include <string>
#include <vector>

#include "programme_records.hpp"

namespace coachkit::audit {

/// A finding's status. The first three are the rubric's levels (their values); the last is for the
/// principles no record can show.
enum class Status { not_shown = 1, partly_shown = 2, shown = 3, needs_judgement = 0 };

[[nodiscard]] const char* to_string(Status status);
[[nodiscard]] const char* status_name(Status status);  ///< "not shown", "partly shown"…

struct Finding {
    std::string principle;
    Status status = Status::not_shown;
    std::string rationale;
    std::vector<Citation> citations;
};

/// One finding per principle of the CUREE framework, in its order.
[[nodiscard]] std::vector<Finding> audit_partnership(const ProgrammeRecords& records,
                                                     const PartnershipRecord& partnership);

}  // namespace coachkit::audit
