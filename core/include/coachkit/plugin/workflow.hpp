// The workflow kind: a school's coaching cycle as ordered stages.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "coachkit/plugin/component.hpp"

COACHKIT_NAMESPACE_BEGIN

/// One stage of a coaching cycle (a pre-lesson meeting, the observed lesson, …).
struct COACHKIT_API WorkflowStage {
    std::string id;
    std::string name;
    std::string summary;
    std::vector<std::string> roles;  ///< framework role ids present at this stage
    std::optional<int> typical_minutes;
    std::vector<std::string> evidence;  ///< evidence-source ids the stage expects
    boost::json::object extra;          ///< stage facts this version does not interpret yet
};

/// A coaching cycle. The programme engine drives cycles through these stages.
class COACHKIT_API Workflow : public Component {
public:
    ~Workflow() override;
    static constexpr ComponentKind component_kind = ComponentKind::workflow;
    [[nodiscard]] ComponentKind kind() const final { return component_kind; }
    /// The mode this workflow serves (a framework mode id, such as "specialist-coaching").
    [[nodiscard]] virtual std::string mode() const = 0;
    /// The stages, in order.
    [[nodiscard]] virtual std::vector<WorkflowStage> stages() const = 0;
};

COACHKIT_NAMESPACE_END
