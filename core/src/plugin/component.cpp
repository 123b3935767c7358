#include "coachkit/plugin/component.hpp"

#include "coachkit/plugin/coaching_guide.hpp"
#include "coachkit/plugin/evidence_source.hpp"
#include "coachkit/plugin/registrar.hpp"
#include "coachkit/plugin/rubric.hpp"
#include "coachkit/plugin/workflow.hpp"

COACHKIT_NAMESPACE_BEGIN

std::string_view to_string(ComponentKind kind) {
    switch (kind) {
        case ComponentKind::workflow:
            return "workflow";
        case ComponentKind::evidence_source:
            return "evidence-source";
        case ComponentKind::rubric:
            return "rubric";
        case ComponentKind::coaching_guide:
            return "coaching-guide";
    }
    return "unknown";
}

std::optional<ComponentKind> parse_component_kind(std::string_view text) {
    for (const auto kind : all_component_kinds()) {
        if (to_string(kind) == text)
            return kind;
    }
    return std::nullopt;
}

const std::vector<ComponentKind>& all_component_kinds() {
    static const std::vector<ComponentKind> kinds{
        ComponentKind::workflow, ComponentKind::evidence_source, ComponentKind::rubric,
        ComponentKind::coaching_guide};
    return kinds;
}

std::string_view to_string(PrivacyClass privacy) {
    switch (privacy) {
        case PrivacyClass::no_personal_data:
            return "no-personal-data";
        case PrivacyClass::personal_data:
            return "personal-data";
        case PrivacyClass::pupil_images:
            return "pupil-images";
    }
    return "unknown";
}

std::optional<PrivacyClass> parse_privacy_class(std::string_view text) {
    for (const auto privacy : {PrivacyClass::no_personal_data, PrivacyClass::personal_data,
                               PrivacyClass::pupil_images}) {
        if (to_string(privacy) == text)
            return privacy;
    }
    return std::nullopt;
}

// Out-of-line destructors: they anchor each interface's vtable and type_info in libcoachkit, so
// dynamic_cast and exceptions work across the plugin boundary.
Component::~Component() = default;
Workflow::~Workflow() = default;

CyclePlan Workflow::cycle_plan() const {
    return {};
}

std::string_view to_string(Grading grading) {
    switch (grading) {
        case Grading::none:
            return "none";
        case Grading::formal_only:
            return "formal-only";
        case Grading::allowed:
            return "allowed";
    }
    return "unknown";
}

std::optional<Grading> parse_grading(std::string_view text) {
    for (const auto grading : {Grading::none, Grading::formal_only, Grading::allowed}) {
        if (to_string(grading) == text)
            return grading;
    }
    return std::nullopt;
}

EvidenceSource::~EvidenceSource() = default;

std::vector<MetricInfo> EvidenceSource::measures() const {
    return {};
}

boost::json::object EvidenceSource::content_schema() const {
    return {};
}

Rubric::~Rubric() = default;
CoachingGuide::~CoachingGuide() = default;
PluginRegistrar::~PluginRegistrar() = default;

COACHKIT_NAMESPACE_END
