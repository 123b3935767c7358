// Data-only components: a workflow's stages, a coaching guide's prompts, a rubric's criteria and
// levels, read from a manifest. Each definition is parsed and checked once, at discovery; instances
// share the parsed result.
#include "plugin/data_components.hpp"

#include <algorithm>
#include <boost/json/array.hpp>
#include <cmath>
#include <cstdint>
#include <iomanip>
#include <map>
#include <set>
#include <sstream>

#include "coachkit/json/document.hpp"
#include "coachkit/plugin/coaching_guide.hpp"
#include "coachkit/plugin/rubric.hpp"
#include "coachkit/plugin/workflow.hpp"
#include "coachkit/programme/model.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

/// Reads a required, non-empty array of objects at `key`, calling `read` for each; `read` returns
/// the entry's id, which must be unique in the array.
template <typename Read>
void for_each_object(FieldReader& parent, std::string_view key, Read read) {
    std::set<std::string> ids;
    const auto* items = parent.each_object(key, Required::yes, [&](FieldReader& reader) {
        const std::string id = read(reader);
        if (!id.empty() && !ids.insert(id).second)
            reader.error("/id", "duplicate id '" + id + "'");
    });
    if (items != nullptr && items->empty())
        parent.error(pointer_append("", key), "'" + std::string(key) + "' must not be empty");
}

// ---- workflow --------------------------------------------------------------------------------

struct WorkflowData {
    std::string mode;
    std::vector<WorkflowStage> stages;
    CyclePlan plan;
};

class DataWorkflow final : public Workflow {
public:
    explicit DataWorkflow(std::shared_ptr<const WorkflowData> data) : data_(std::move(data)) {}
    [[nodiscard]] std::string mode() const override { return data_->mode; }
    [[nodiscard]] std::vector<WorkflowStage> stages() const override { return data_->stages; }
    [[nodiscard]] CyclePlan cycle_plan() const override { return data_->plan; }

private:
    std::shared_ptr<const WorkflowData> data_;
};

/// A role named in a stage must be one a partnership can hold, or no one could ever satisfy it.
void check_roles(FieldReader& s, std::string_view key, const std::vector<std::string>& roles) {
    for (std::size_t i = 0; i < roles.size(); ++i) {
        if (!is_partnership_role(roles[i])) {
            s.error(pointer_append(pointer_append("", key), i),
                    "unknown role '" + roles[i] + "' (known: " + partnership_roles_text() + ")");
        }
    }
}

StageTiming read_timing(FieldReader& s, const std::vector<WorkflowStage>& earlier,
                        Diagnostics& out) {
    StageTiming timing;
    const auto* object = s.object("timing", Required::no);
    if (object == nullptr)
        return timing;
    FieldReader t(*object, s.child_origin("timing"), out);
    timing.after = t.text("after", Required::yes);
    // 0 is meaningful for both: "may follow at once", "the same day".
    timing.min_minutes_after = t.integer("min_minutes_after", Required::no, 0);
    timing.max_days_after = t.integer("max_days_after", Required::no, 0);
    timing.scheduled_by = t.text("scheduled_by", Required::no);
    const bool known = std::any_of(earlier.begin(), earlier.end(),
                                   [&](const WorkflowStage& e) { return e.id == timing.after; });
    if (!timing.after.empty() && !known)
        t.error("/after", "'" + timing.after + "' is not an earlier stage of this workflow");
    if (!timing.scheduled_by.empty() && !is_partnership_role(timing.scheduled_by)) {
        t.error("/scheduled_by", "unknown role '" + timing.scheduled_by +
                                     "' (known: " + partnership_roles_text() + ")");
    }
    for (const auto& [key, unused] :
         t.unknown_fields({"after", "min_minutes_after", "max_days_after", "scheduled_by"})) {
        (void)unused;
        t.error(pointer_append("", key), "unknown timing rule '" + std::string(key) + "'");
    }
    return timing;
}

CyclePlan read_cycle_plan(FieldReader& r, Diagnostics& out) {
    CyclePlan plan;
    const auto* object = r.object("cycles", Required::no);
    if (object == nullptr)
        return plan;
    FieldReader c(*object, r.child_origin("cycles"), out);
    plan.repeats = c.boolean("repeats", Required::no).value_or(true);
    plan.min_cycles = c.integer("min_cycles", Required::no);
    plan.max_cycles = c.integer("max_cycles", Required::no);
    plan.span_weeks = c.integer("span_weeks", Required::no);
    plan.roles_alternate = c.boolean("roles_alternate", Required::no).value_or(false);
    if (plan.min_cycles && plan.max_cycles && *plan.min_cycles > *plan.max_cycles)
        c.error("/max_cycles", "is less than min_cycles");
    if (!plan.repeats && plan.max_cycles && *plan.max_cycles > 1)
        c.error("/max_cycles", "a workflow that does not repeat runs one cycle");
    return plan;
}

ComponentFactory workflow_factory(FieldReader& r, Diagnostics& out) {
    auto data = std::make_shared<WorkflowData>();
    data->mode = r.text("mode", Required::yes);
    for_each_object(r, "stages", [&](FieldReader& s) {
        WorkflowStage stage;
        stage.id = s.id();
        stage.name = s.text("name", Required::yes);
        stage.summary = s.text("summary", Required::no);
        stage.roles = s.string_list("roles", Required::no);
        check_roles(s, "roles", stage.roles);
        stage.typical_minutes = s.integer("typical_minutes", Required::no);
        stage.evidence = s.string_list("evidence", Required::no);
        stage.record_writers = s.string_list("record_writers", Required::no);
        check_roles(s, "record_writers", stage.record_writers);
        stage.timing = read_timing(s, data->stages, out);
        stage.prompts = s.string_list("prompts", Required::no);
        const std::string grading = s.text("grading", Required::no);
        if (!grading.empty()) {
            if (const auto parsed = parse_grading(grading))
                stage.grading = *parsed;
            else
                s.error("/grading",
                        "unknown grading '" + grading + "' (known: none, formal-only, allowed)");
        }
        stage.first_cycle_only = s.boolean("first_cycle_only", Required::no).value_or(false);
        stage.concludes_agreement = s.boolean("concludes_agreement", Required::no).value_or(false);
        stage.extra = s.unknown_fields({"id", "name", "summary", "roles", "typical_minutes",
                                        "evidence", "record_writers", "timing", "prompts",
                                        "grading", "first_cycle_only", "concludes_agreement"});
        data->stages.push_back(std::move(stage));
        return data->stages.back().id;
    });
    data->plan = read_cycle_plan(r, out);
    const bool every_stage_first_only =
        !data->stages.empty() &&
        std::all_of(data->stages.begin(), data->stages.end(),
                    [](const WorkflowStage& s) { return s.first_cycle_only; });
    if (every_stage_first_only)
        r.error("/stages", "every stage is first_cycle_only: later cycles would have none");
    return [data] { return std::make_shared<DataWorkflow>(data); };
}

// ---- coaching guide ---------------------------------------------------------------------------

struct GuideData {
    std::string focus;
    std::vector<PromptGroup> phases;
};

class DataCoachingGuide final : public CoachingGuide {
public:
    explicit DataCoachingGuide(std::shared_ptr<const GuideData> data) : data_(std::move(data)) {}
    [[nodiscard]] std::string focus() const override { return data_->focus; }
    [[nodiscard]] std::vector<PromptGroup> phases() const override { return data_->phases; }

private:
    std::shared_ptr<const GuideData> data_;
};

ComponentFactory guide_factory(FieldReader& r) {
    auto data = std::make_shared<GuideData>();
    data->focus = r.text("focus", Required::no);
    if (data->focus.empty())
        data->focus = "any";
    for_each_object(r, "phases", [&](FieldReader& p) {
        PromptGroup group;
        group.id = p.id();
        group.name = p.text("name", Required::yes);
        group.summary = p.text("summary", Required::no);
        group.prompts = p.string_list("prompts", Required::yes);
        if (group.prompts.empty() && !group.id.empty())
            p.error("/prompts", "'prompts' must not be empty");
        group.any_time = p.boolean("any_time", Required::no).value_or(false);
        data->phases.push_back(std::move(group));
        return data->phases.back().id;
    });
    // Sequenced phases first, any-time groups after, each keeping the manifest's order.
    std::stable_partition(data->phases.begin(), data->phases.end(),
                          [](const PromptGroup& g) { return !g.any_time; });
    return [data] { return std::make_shared<DataCoachingGuide>(data); };
}

// ---- declarative rubric -----------------------------------------------------------------------

struct RubricData {
    std::string id;
    std::vector<RubricLevel> levels;  // sorted by value
    std::vector<RubricCriterion> criteria;
};

std::string format_score(double value) {
    std::ostringstream text;
    text << std::fixed << std::setprecision(2) << value;
    return text.str();
}

/// One person's score of one criterion, and where it was given.
struct Rating {
    double score = 0;
    std::string rater;  ///< empty for a bare number: an unnamed rater
    std::string comment;
    std::string text;  ///< the score for people: "3", or "2.50" for a part of a level
};

/// The figures a school reads beside the mean: how many scored, how far they agree.
struct Spread {
    double mean = 0;
    double median = 0;
    double min = 0;
    double max = 0;
};

Spread spread_of(std::vector<double> scores) {
    std::sort(scores.begin(), scores.end());
    Spread s;
    double sum = 0;
    for (const double v : scores)
        sum += v;
    const std::size_t n = scores.size();
    s.mean = sum / static_cast<double>(n);
    s.median = n % 2 == 1 ? scores[n / 2] : (scores[n / 2 - 1] + scores[n / 2]) / 2;
    s.min = scores.front();
    s.max = scores.back();
    return s;
}

/// A rubric people score: each criterion gets one or more ratings on the level scale, bare numbers
/// or named ({"rater", "score"}); the result is the mean per criterion and overall, each rounded to
/// the nearest level for its label, with each criterion's spread in `details` and its named raters
/// cited (`rater:NAME`). docs/plugins.md, "How a declarative rubric evaluates".
class DataRubric final : public Rubric {
public:
    explicit DataRubric(std::shared_ptr<const RubricData> data) : data_(std::move(data)) {}
    [[nodiscard]] std::string applies_to() const override { return "ratings"; }
    [[nodiscard]] std::vector<RubricCriterion> criteria() const override { return data_->criteria; }
    [[nodiscard]] std::vector<RubricLevel> levels() const override { return data_->levels; }

    [[nodiscard]] Assessment evaluate(const boost::json::value& input,
                                      Diagnostics& out) const override {
        Assessment result;
        result.rubric = data_->id;
        const auto* object = input.if_object();
        const auto* scores = object ? object->if_contains("scores") : nullptr;
        if (scores == nullptr || !scores->is_object()) {
            out.push_back({Severity::error, "", "/scores", 0, 0,
                           "expected {\"scores\": {criterion id: rating or [ratings]}}"});
            return result;
        }
        for (const auto& entry : scores->as_object()) {
            // A named variable, not a structured binding: clang before 16 cannot capture those.
            const std::string_view key = entry.key();
            const bool known = std::any_of(data_->criteria.begin(), data_->criteria.end(),
                                           [&](const RubricCriterion& c) { return c.id == key; });
            if (!known) {
                out.push_back({Severity::error, "", pointer_append("/scores", key), 0, 0,
                               "unknown criterion '" + std::string(key) + "'"});
            }
        }
        double total = 0;
        boost::json::object criteria_details;
        std::map<std::string, std::int64_t> raters;  // named rater -> criteria they scored
        for (const auto& criterion : data_->criteria) {
            const auto* given = scores->as_object().if_contains(criterion.id);
            const std::string pointer = pointer_append("/scores", criterion.id);
            if (given == nullptr) {
                out.push_back({Severity::warning, "", pointer, 0, 0, "criterion not scored"});
                continue;
            }
            std::vector<Rating> ratings;
            if (const auto* list = given->if_array()) {
                for (std::size_t i = 0; i < list->size(); ++i)
                    take((*list)[i], pointer_append(pointer, i), ratings, out);
            } else {
                take(*given, pointer, ratings, out);
            }
            if (ratings.empty())
                continue;
            std::vector<double> values;
            for (const auto& r : ratings)
                values.push_back(r.score);
            const Spread spread = spread_of(values);
            const RubricLevel& level = nearest(spread.mean);
            CriterionResult c{criterion.id,
                              spread.mean,
                              level.id,
                              "mean of " + std::to_string(ratings.size()) + " rating" +
                                  (ratings.size() == 1 ? "" : "s") + ": " +
                                  format_score(spread.mean) + " (" + level.name + ")",
                              {}};
            boost::json::array named;
            for (const auto& r : ratings) {
                if (r.rater.empty())
                    continue;
                named.emplace_back(r.rater);
                ++raters[r.rater];
                c.citations.push_back(
                    {"rater:" + r.rater, "scored " + r.text + " (" + nearest(r.score).name + ")" +
                                             (r.comment.empty() ? "" : ": " + r.comment)});
            }
            criteria_details[criterion.id] = boost::json::object{
                {"raters", ratings.size()}, {"named", std::move(named)}, {"mean", spread.mean},
                {"median", spread.median},  {"min", spread.min},         {"max", spread.max}};
            result.criteria.push_back(std::move(c));
            total += spread.mean;
        }
        boost::json::object rater_details;
        for (const auto& [name, count] : raters)
            rater_details[name] = boost::json::object{{"criteria", count}};
        result.details = boost::json::object{{"criteria", std::move(criteria_details)},
                                             {"raters", std::move(rater_details)}};
        if (!result.criteria.empty()) {
            result.overall = total / static_cast<double>(result.criteria.size());
            const RubricLevel& level = nearest(result.overall);
            result.level = level.id;
            result.rationale = std::to_string(result.criteria.size()) + " of " +
                               std::to_string(data_->criteria.size()) + " criteria scored; mean " +
                               format_score(result.overall) + " (" + level.name + ")";
        } else {
            result.rationale = "no criterion was scored";
        }
        return result;
    }

private:
    [[nodiscard]] const RubricLevel& nearest(double score) const {
        return *std::min_element(data_->levels.begin(), data_->levels.end(),
                                 [&](const RubricLevel& a, const RubricLevel& b) {
                                     return std::abs(a.value - score) < std::abs(b.value - score);
                                 });
    }

    /// Reads one rating at `at`: a number, or {"rater", "score", "comment"?}. A bad one is an
    /// error and left out; a rater naming themselves twice for one criterion is an error too.
    void take(const boost::json::value& v, const std::string& at, std::vector<Rating>& ratings,
              Diagnostics& out) const {
        Rating rating;
        std::string score_at = at;
        const boost::json::value* score = &v;
        if (const auto* named = v.if_object()) {
            const auto* rater = named->if_contains("rater");
            score = named->if_contains("score");
            score_at = pointer_append(at, "score");
            bool ok = true;
            if (rater == nullptr || score == nullptr) {
                out.push_back({Severity::error, "", at, 0, 0,
                               std::string("missing required field '") +
                                   (rater == nullptr ? "rater" : "score") +
                                   "' (a named rating is {\"rater\": NAME, \"score\": N})"});
                return;
            }
            if (!rater->is_string() || rater->get_string().empty()) {
                out.push_back({Severity::error, "", pointer_append(at, "rater"), 0, 0,
                               "expected the rater's name or id (a non-empty string)"});
                ok = false;
            } else {
                rating.rater = std::string(rater->get_string());
            }
            if (const auto* comment = named->if_contains("comment")) {
                if (comment->is_string()) {
                    rating.comment = std::string(comment->get_string());
                } else {
                    out.push_back({Severity::error, "", pointer_append(at, "comment"), 0, 0,
                                   "expected a string"});
                    ok = false;
                }
            }
            const bool twice = std::any_of(ratings.begin(), ratings.end(), [&](const Rating& r) {
                return !rating.rater.empty() && r.rater == rating.rater;
            });
            if (twice) {
                out.push_back({Severity::error, "", pointer_append(at, "rater"), 0, 0,
                               "rater '" + rating.rater +
                                   "' already scored this criterion (one score per rater)"});
                ok = false;
            }
            if (!ok)
                return;
        }
        if (!score->is_number()) {
            out.push_back({Severity::error, "", score_at, 0, 0, "a rating must be a number"});
            return;
        }
        rating.score = score->to_number<double>();
        if (rating.score < data_->levels.front().value ||
            rating.score > data_->levels.back().value) {
            out.push_back({Severity::error, "", score_at, 0, 0,
                           "rating " + format_score(rating.score) + " is outside the scale " +
                               std::to_string(data_->levels.front().value) + " to " +
                               std::to_string(data_->levels.back().value)});
            return;
        }
        rating.text = rating.score == std::floor(rating.score)
                          ? std::to_string(static_cast<long long>(rating.score))
                          : format_score(rating.score);
        ratings.push_back(std::move(rating));
    }

    std::shared_ptr<const RubricData> data_;
};

ComponentFactory rubric_factory(const std::string& id, FieldReader& r) {
    auto data = std::make_shared<RubricData>();
    data->id = id;
    std::set<int> values;
    for_each_object(r, "levels", [&](FieldReader& l) {
        RubricLevel level;
        level.id = l.id();
        level.name = l.text("name", Required::yes);
        level.value = l.integer("value", Required::yes).value_or(0);
        if (level.value != 0 && !values.insert(level.value).second) {
            l.error("/value", "duplicate level value " + std::to_string(level.value));
        }
        data->levels.push_back(std::move(level));
        return data->levels.back().id;
    });
    std::sort(data->levels.begin(), data->levels.end(),
              [](const RubricLevel& a, const RubricLevel& b) { return a.value < b.value; });
    for_each_object(r, "criteria", [&](FieldReader& c) {
        RubricCriterion criterion;
        criterion.id = c.id();
        criterion.name = c.text("name", Required::yes);
        criterion.summary = c.text("summary", Required::no);
        criterion.descriptors = c.string_list("descriptors", Required::no);
        if (!criterion.descriptors.empty() && criterion.descriptors.size() != data->levels.size()) {
            c.error("/descriptors", "give one descriptor per level (" +
                                        std::to_string(data->levels.size()) + "), not " +
                                        std::to_string(criterion.descriptors.size()));
        }
        data->criteria.push_back(std::move(criterion));
        return data->criteria.back().id;
    });
    return [data] { return std::make_shared<DataRubric>(data); };
}

}  // namespace

ComponentFactory make_data_component(ComponentKind kind, const std::string& id,
                                     const boost::json::object& definition, const Origin& origin,
                                     Diagnostics& out) {
    const std::size_t errors_before = out.size();
    FieldReader reader(definition, origin, out);
    ComponentFactory factory;
    switch (kind) {
        case ComponentKind::workflow:
            factory = workflow_factory(reader, out);
            break;
        case ComponentKind::coaching_guide:
            factory = guide_factory(reader);
            break;
        case ComponentKind::rubric:
            factory = rubric_factory(id, reader);
            break;
        case ComponentKind::evidence_source:
            reader.error("",
                         "an evidence source cannot be data-only (reading evidence needs code): "
                         "write it as a compiled or Python plugin");
            break;
    }
    if (errors_since(out, errors_before))
        return {};
    return factory;
}

COACHKIT_NAMESPACE_END
