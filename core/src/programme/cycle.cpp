#include "coachkit/programme/cycle.hpp"

COACHKIT_NAMESPACE_BEGIN

std::string_view to_string(StageStatus status) {
    switch (status) {
        case StageStatus::pending:
            return "pending";
        case StageStatus::scheduled:
            return "scheduled";
        case StageStatus::started:
            return "started";
        case StageStatus::completed:
            return "completed";
    }
    return "unknown";
}

std::string_view to_string(CycleStatus status) {
    switch (status) {
        case CycleStatus::open:
            return "open";
        case CycleStatus::closed:
            return "closed";
        case CycleStatus::abandoned:
            return "abandoned";
    }
    return "unknown";
}

const StageProgress* Cycle::current_stage() const {
    for (const auto& s : stages) {
        if (s.status != StageStatus::completed)
            return &s;
    }
    return nullptr;
}

const StageProgress* Cycle::stage(std::string_view stage_id) const {
    for (const auto& s : stages) {
        if (s.id == stage_id)
            return &s;
    }
    return nullptr;
}

COACHKIT_NAMESPACE_END
