// The coaching-guide kind: prompts for coaching conversations, grouped by phase.
#pragma once

#include <string>
#include <vector>

#include "coachkit/plugin/component.hpp"

COACHKIT_NAMESPACE_BEGIN

/// A phase of a coaching conversation and the prompts offered in it.
struct COACHKIT_API PromptGroup {
    std::string id;
    std::string name;
    std::string summary;
    std::vector<std::string> prompts;
    bool any_time = false;  ///< usable at any point (e.g. pace questions), not in sequence
};

class COACHKIT_API CoachingGuide : public Component {
public:
    ~CoachingGuide() override;
    static constexpr ComponentKind component_kind = ComponentKind::coaching_guide;
    [[nodiscard]] ComponentKind kind() const final { return component_kind; }
    /// What the guide is about ("any", "assessment for learning", …).
    [[nodiscard]] virtual std::string focus() const = 0;
    /// The phases, in conversation order, then any-time groups.
    [[nodiscard]] virtual std::vector<PromptGroup> phases() const = 0;
};

COACHKIT_NAMESPACE_END
