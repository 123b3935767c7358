#include "coachkit/plugin/describe.hpp"

#include "coachkit/plugin/coaching_guide.hpp"
#include "coachkit/plugin/evidence_source.hpp"
#include "coachkit/plugin/rubric.hpp"
#include "coachkit/plugin/workflow.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

boost::json::array strings(const std::vector<std::string>& items) {
    boost::json::array out;
    for (const auto& item : items)
        out.emplace_back(item);
    return out;
}

boost::json::object describe(const Workflow& workflow) {
    boost::json::array stages;
    for (const auto& stage : workflow.stages()) {
        boost::json::object s{{"id", stage.id},
                              {"name", stage.name},
                              {"summary", stage.summary},
                              {"roles", strings(stage.roles)},
                              {"evidence", strings(stage.evidence)}};
        if (stage.typical_minutes)
            s["typical_minutes"] = *stage.typical_minutes;
        for (const auto& [key, value] : stage.extra)
            s[key] = value;
        stages.push_back(std::move(s));
    }
    return {{"mode", workflow.mode()}, {"stages", std::move(stages)}};
}

boost::json::object describe(const CoachingGuide& guide) {
    boost::json::array phases;
    for (const auto& phase : guide.phases()) {
        phases.push_back(boost::json::object{{"id", phase.id},
                                             {"name", phase.name},
                                             {"summary", phase.summary},
                                             {"prompts", strings(phase.prompts)},
                                             {"any_time", phase.any_time}});
    }
    return {{"focus", guide.focus()}, {"phases", std::move(phases)}};
}

boost::json::object describe(const Rubric& rubric) {
    boost::json::array levels, criteria;
    for (const auto& level : rubric.levels()) {
        levels.push_back(
            boost::json::object{{"id", level.id}, {"name", level.name}, {"value", level.value}});
    }
    for (const auto& criterion : rubric.criteria()) {
        criteria.push_back(boost::json::object{{"id", criterion.id},
                                               {"name", criterion.name},
                                               {"summary", criterion.summary},
                                               {"descriptors", strings(criterion.descriptors)}});
    }
    return {{"applies_to", rubric.applies_to()},
            {"levels", std::move(levels)},
            {"criteria", std::move(criteria)}};
}

boost::json::object describe(const EvidenceSource& source) {
    return {{"formats", strings(source.formats())},
            {"privacy", std::string(to_string(source.privacy()))}};
}

}  // namespace

boost::json::object describe_component(const Component& component) {
    boost::json::object out;
    switch (component.kind()) {
        case ComponentKind::workflow:
            out = describe(dynamic_cast<const Workflow&>(component));
            break;
        case ComponentKind::coaching_guide:
            out = describe(dynamic_cast<const CoachingGuide&>(component));
            break;
        case ComponentKind::rubric:
            out = describe(dynamic_cast<const Rubric&>(component));
            break;
        case ComponentKind::evidence_source:
            out = describe(dynamic_cast<const EvidenceSource&>(component));
            break;
    }
    out["kind"] = to_string(component.kind());
    return out;
}

COACHKIT_NAMESPACE_END
