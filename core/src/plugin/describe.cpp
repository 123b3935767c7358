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
        if (!stage.record_writers.empty())
            s["record_writers"] = strings(stage.record_writers);
        if (!stage.timing.after.empty()) {
            boost::json::object timing{{"after", stage.timing.after}};
            if (stage.timing.min_minutes_after)
                timing["min_minutes_after"] = *stage.timing.min_minutes_after;
            if (stage.timing.max_days_after)
                timing["max_days_after"] = *stage.timing.max_days_after;
            if (!stage.timing.scheduled_by.empty())
                timing["scheduled_by"] = stage.timing.scheduled_by;
            s["timing"] = std::move(timing);
        }
        if (!stage.prompts.empty())
            s["prompts"] = strings(stage.prompts);
        if (stage.grading != Grading::none)
            s["grading"] = to_string(stage.grading);
        if (stage.first_cycle_only)
            s["first_cycle_only"] = true;
        if (stage.concludes_agreement)
            s["concludes_agreement"] = true;
        for (const auto& [key, value] : stage.extra)
            s[key] = value;
        stages.push_back(std::move(s));
    }
    const CyclePlan plan = workflow.cycle_plan();
    boost::json::object cycles{{"repeats", plan.repeats},
                               {"roles_alternate", plan.roles_alternate}};
    if (plan.min_cycles)
        cycles["min_cycles"] = *plan.min_cycles;
    if (plan.max_cycles)
        cycles["max_cycles"] = *plan.max_cycles;
    if (plan.span_weeks)
        cycles["span_weeks"] = *plan.span_weeks;
    return {
        {"mode", workflow.mode()}, {"stages", std::move(stages)}, {"cycles", std::move(cycles)}};
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
    boost::json::object out{{"formats", strings(source.formats())},
                            {"privacy", std::string(to_string(source.privacy()))}};
    boost::json::array measures;
    for (const auto& m : source.measures())
        measures.push_back(
            boost::json::object{{"id", m.id}, {"description", m.description}, {"unit", m.unit}});
    if (!measures.empty())
        out["measures"] = std::move(measures);
    if (auto schema = source.content_schema(); !schema.empty())
        out["content_schema"] = std::move(schema);
    return out;
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
