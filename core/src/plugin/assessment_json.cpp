// Assessments to and from JSON; the shape is docs/schemas/assessment.schema.json.
#include "coachkit/plugin/assessment_json.hpp"

#include <boost/json.hpp>
#include <charconv>
#include <string>

#include "../json/field_reader.hpp"
#include "coachkit/json/document.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

constexpr std::string_view kFamily = "coachkit.assessment";

boost::json::array citations_to_json(const std::vector<Citation>& citations) {
    boost::json::array out;
    for (const auto& c : citations)
        out.push_back(boost::json::object{{"ref", c.ref}, {"note", c.note}});
    return out;
}

std::vector<Citation> citations_from(FieldReader& reader) {
    std::vector<Citation> out;
    reader.each_object("citations", Required::no, [&](FieldReader& c) {
        out.push_back(Citation{c.text("ref", Required::yes), c.text("note", Required::no)});
    });
    return out;
}

double number_at(const boost::json::object& object, std::string_view key, const Origin& origin,
                 Diagnostics& out) {
    const auto* value = object.if_contains(key);
    if (value == nullptr)
        return 0;
    if (!value->is_number()) {
        out.push_back({Severity::error, origin.file, pointer_append(origin.pointer, key), 0, 0,
                       std::string("expected a number, found ") + json_type_name(*value)});
        return 0;
    }
    return value->to_number<double>();
}

}  // namespace

std::optional<std::size_t> cited_turn(const Citation& citation) {
    constexpr std::string_view prefix = "turn:";
    const std::string_view ref = citation.ref;
    if (ref.substr(0, prefix.size()) != prefix)
        return std::nullopt;
    std::size_t n = 0;
    const auto digits = ref.substr(prefix.size());
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (error != std::errc{} || end != digits.data() + digits.size() || digits.empty())
        return std::nullopt;
    return n;
}

boost::json::object assessment_to_json(const Assessment& assessment) {
    boost::json::array criteria;
    for (const auto& c : assessment.criteria) {
        criteria.push_back(boost::json::object{{"criterion", c.criterion},
                                               {"score", c.score},
                                               {"level", c.level},
                                               {"rationale", c.rationale},
                                               {"citations", citations_to_json(c.citations)}});
    }
    return boost::json::object{{"schema", std::string(kFamily) + "/1"},
                               {"rubric", assessment.rubric},
                               {"level", assessment.level},
                               {"overall", assessment.overall},
                               {"rationale", assessment.rationale},
                               {"criteria", std::move(criteria)},
                               {"citations", citations_to_json(assessment.citations)},
                               {"details", assessment.details}};
}

Assessment assessment_from_json(const boost::json::object& document, std::string_view origin,
                                Diagnostics& out) {
    Assessment result;
    const Origin root{std::string(origin), ""};
    FieldReader reader(document, root, out);
    const auto tag = SchemaTag::parse(reader.text("schema", Required::yes));
    if (!tag || tag->family != kFamily || tag->version != 1)
        reader.error("/schema", "expected \"coachkit.assessment/1\"");
    result.rubric = reader.text("rubric", Required::yes);
    result.level = reader.text("level", Required::no);
    result.overall = number_at(document, "overall", root, out);
    result.rationale = reader.text("rationale", Required::no);
    reader.each_object("criteria", Required::no, [&](FieldReader& c) {
        CriterionResult criterion;
        criterion.criterion = c.text("criterion", Required::yes);
        criterion.level = c.text("level", Required::no);
        criterion.rationale = c.text("rationale", Required::no);
        criterion.citations = citations_from(c);
        result.criteria.push_back(std::move(criterion));
    });
    // Scores are read apart from FieldReader, which knows whole numbers only.
    if (const auto* criteria = document.if_contains("criteria"); criteria && criteria->is_array()) {
        const auto& list = criteria->get_array();
        for (std::size_t i = 0, r = 0; i < list.size() && r < result.criteria.size(); ++i) {
            if (const auto* entry = list[i].if_object()) {
                const Origin at{std::string(origin), pointer_append("/criteria", i)};
                result.criteria[r++].score = number_at(*entry, "score", at, out);
            }
        }
    }
    result.citations = citations_from(reader);
    if (const auto* details = reader.object("details", Required::no))
        result.details = *details;
    return result;
}

COACHKIT_NAMESPACE_END
