#include "programme/event_data.hpp"

#include <boost/json/value_from.hpp>

#include "coachkit/json/document.hpp"

COACHKIT_NAMESPACE_BEGIN

void put_if(boost::json::object& out, std::string_view key, const std::string& value) {
    if (!value.empty())
        out[key] = value;
}

namespace {

void put_if(boost::json::object& out, std::string_view key, const std::optional<int>& value) {
    if (value)
        out[key] = *value;
}

boost::json::array string_array(const std::vector<std::string>& items) {
    boost::json::array out;
    for (const auto& item : items)
        out.emplace_back(item);
    return out;
}

}  // namespace

boost::json::object person_data(const Person& person) {
    boost::json::object out;
    out["id"] = person.id;
    out["name"] = person.name;
    out["role"] = to_string(person.role);
    put_if(out, "line_manager", person.line_manager);
    return out;
}

Person read_person(FieldReader& r) {
    Person person;
    person.id = r.text("id", Required::yes);
    person.name = r.text("name", Required::yes);
    const std::string role = r.text("role", Required::yes);
    if (const auto parsed = parse_staff_role(role))
        person.role = *parsed;
    else if (!role.empty())
        r.error("/role", "unknown staff role '" + role + "'");
    person.line_manager = r.text("line_manager", Required::no);
    return person;
}

boost::json::object partnership_data(const Partnership& p) {
    boost::json::object out;
    out["id"] = p.id;
    out["mode"] = p.mode;
    put_if(out, "purpose", p.purpose);
    out["workflow"] = p.workflow;
    put_if(out, "focus", p.focus);
    put_if(out, "focus_chosen_by", p.focus_chosen_by);
    put_if(out, "specialist_input", p.specialist_input);
    boost::json::array members;
    for (const auto& m : p.members)
        members.push_back(boost::json::object{{"person", m.person}, {"role", m.role}});
    out["members"] = std::move(members);
    return out;
}

Partnership read_partnership(FieldReader& r) {
    Partnership p;
    p.id = r.text("id", Required::yes);
    p.mode = r.text("mode", Required::yes);
    p.purpose = r.text("purpose", Required::no);
    p.workflow = r.text("workflow", Required::yes);
    p.focus = r.text("focus", Required::no);
    p.focus_chosen_by = r.text("focus_chosen_by", Required::no);
    p.specialist_input = r.text("specialist_input", Required::no);
    r.each_object("members", Required::yes, [&](FieldReader& m) {
        p.members.push_back(Member{m.text("person", Required::yes), m.text("role", Required::yes)});
    });
    return p;
}

boost::json::object agreement_data(const LearningAgreement& a) {
    boost::json::object out;
    boost::json::array goals;
    for (const auto& goal : a.goals) {
        boost::json::object g{{"text", goal.text}};
        put_if(g, "school_priority", goal.school_priority);
        goals.push_back(std::move(g));
    }
    out["goals"] = std::move(goals);
    out["ground_rules"] = string_array(a.ground_rules);
    out["confidentiality"] = to_string(a.confidentiality);
    out["performance_management_link"] = a.performance_management_link;
    out["video_consent"] = a.video_consent;
    put_if(out, "planned_weeks", a.planned_weeks);
    put_if(out, "planned_cycles", a.planned_cycles);
    out["review_dates"] = string_array(a.review_dates);
    return out;
}

LearningAgreement read_agreement(FieldReader& r) {
    LearningAgreement a;
    r.each_object("goals", Required::no, [&](FieldReader& g) {
        a.goals.push_back(
            Goal{g.text("text", Required::yes), g.text("school_priority", Required::no)});
    });
    a.ground_rules = r.string_list("ground_rules", Required::no);
    const std::string level = r.text("confidentiality", Required::no);
    if (const auto parsed = parse_confidentiality(level))
        a.confidentiality = *parsed;
    else if (!level.empty())
        r.error("/confidentiality", "unknown confidentiality '" + level + "'");
    a.performance_management_link =
        r.boolean("performance_management_link", Required::no).value_or(false);
    a.video_consent = r.boolean("video_consent", Required::no).value_or(false);
    a.planned_weeks = r.integer("planned_weeks", Required::no);
    a.planned_cycles = r.integer("planned_cycles", Required::no);
    a.review_dates = r.string_list("review_dates", Required::no);
    return a;
}

boost::json::object evidence_data(const EvidenceRef& e) {
    boost::json::object out;
    out["source"] = e.source;
    out["ref"] = e.ref;
    put_if(out, "summary", e.summary);
    return out;
}

EvidenceRef read_evidence(FieldReader& r) {
    EvidenceRef e;
    e.source = r.text("source", Required::yes);
    e.ref = r.text("ref", Required::yes);
    e.summary = r.text("summary", Required::no);
    return e;
}

boost::json::object evidence_item_data(const EvidenceItem& item) {
    boost::json::object out;
    out["id"] = item.id;
    out["stage"] = item.stage;
    out["kind"] = item.kind;
    out["plugin"] = item.plugin;
    put_if(out, "plugin_version", item.plugin_version);
    out["format"] = item.format;
    put_if(out, "origin", item.origin);
    // Signed, as a parser reads a whole number back: an export then compares equal on import.
    out["bytes"] = static_cast<std::int64_t>(item.bytes);
    put_if(out, "summary", item.summary);
    out["owner"] = item.owner;
    out["privacy"] = item.privacy;
    out["content"] = item.content;
    out["metrics"] = boost::json::value_from(item.metrics);
    if (!item.details.empty())
        out["details"] = item.details;
    if (!item.warnings.empty())
        out["warnings"] = boost::json::value_from(item.warnings);
    return out;
}

EvidenceItem read_evidence_item(FieldReader& r, const boost::json::object& data) {
    EvidenceItem item;
    item.id = r.text("id", Required::yes);
    item.stage = r.text("stage", Required::yes);
    item.kind = r.text("kind", Required::yes);
    item.plugin = r.text("plugin", Required::yes);
    item.plugin_version = r.text("plugin_version", Required::no);
    item.format = r.text("format", Required::yes);
    item.origin = r.text("origin", Required::no);
    item.summary = r.text("summary", Required::no);
    item.owner = r.text("owner", Required::yes);
    item.privacy = r.text("privacy", Required::yes);
    item.warnings = r.string_list("warnings", Required::no);
    if (const auto* bytes = data.if_contains("bytes")) {
        if (const auto size = bytes->if_uint64())
            item.bytes = *size;
        else if (const auto signed_size = bytes->if_int64(); signed_size && *signed_size >= 0)
            item.bytes = static_cast<std::uint64_t>(*signed_size);
        else
            r.error("/bytes", "expected a whole number of bytes");
    }
    if (const auto* content = data.if_contains("content"))
        item.content = *content;
    else
        r.error("", "missing field 'content'");
    if (const auto* metrics = r.object("metrics", Required::yes)) {
        for (const auto& [key, value] : *metrics) {
            if (!value.is_number())
                r.error("/metrics", "metric '" + std::string(key) + "' must be a number");
            else
                item.metrics[std::string(key)] = value.to_number<double>();
        }
    }
    if (const auto* details = r.object("details", Required::no))
        item.details = *details;
    return item;
}

boost::json::object action_data(const AgreedAction& a) {
    boost::json::object out;
    out["text"] = a.text;
    put_if(out, "owner", a.owner);
    put_if(out, "due", a.due);
    return out;
}

AgreedAction read_action(FieldReader& r) {
    AgreedAction a;
    a.text = r.text("text", Required::yes);
    a.owner = r.text("owner", Required::no);
    a.due = r.text("due", Required::no);
    return a;
}

COACHKIT_NAMESPACE_END
