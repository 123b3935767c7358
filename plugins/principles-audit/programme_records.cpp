// Reading a programme view for the principles audit (programme_records.hpp).
//
// A view leaves out the notes, actions and evidence its reader may not see, so a note's place in
// its stage's list is not its number. The view's `withheld` list names every record left out, so
// the numbers are rebuilt from it: the k-th note shown is the k-th number not withheld. One case
// cannot be rebuilt: a stored evidence item left out is named `evidence:ITEM`, which does not say
// where it sat, so when the view leaves out any stored item the references of the programme are
// cited by their cycle instead of a number that might be wrong.
#include "programme_records.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <coachkit/json/document.hpp>

namespace coachkit::audit {

namespace {

class Problems {
public:
    explicit Problems(Diagnostics& out) : out_(out) {}
    void error(std::string pointer, std::string message) {
        out_.push_back({Severity::error, "", std::move(pointer), 0, 0, std::move(message)});
    }

private:
    Diagnostics& out_;
};

std::string text(const boost::json::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    return value != nullptr && value->is_string() ? std::string(value->get_string()) : "";
}

std::optional<long long> whole(const boost::json::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    if (value == nullptr)
        return std::nullopt;
    if (const auto* i = value->if_int64())
        return *i;
    if (const auto* u = value->if_uint64())
        return static_cast<long long>(*u);
    return std::nullopt;
}

std::vector<std::string> texts(const boost::json::object& object, std::string_view key) {
    std::vector<std::string> out;
    if (const auto* list = object.contains(key) ? object.at(key).if_array() : nullptr) {
        for (const auto& v : *list) {
            if (v.is_string())
                out.emplace_back(v.get_string());
        }
    }
    return out;
}

/// The objects of the array at `key`, each with its pointer; an entry that is not an object, or a
/// `key` that is not an array, is an error.
std::vector<std::pair<const boost::json::object*, std::string>> objects(
    const boost::json::object& parent, std::string_view key, const std::string& pointer,
    Problems& problems) {
    std::vector<std::pair<const boost::json::object*, std::string>> out;
    const auto* value = parent.if_contains(key);
    if (value == nullptr)
        return out;
    const std::string at = pointer_append(pointer, key);
    const auto* list = value->if_array();
    if (list == nullptr) {
        problems.error(at, "expected an array");
        return out;
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
        if (const auto* object = (*list)[i].if_object())
            out.emplace_back(object, pointer_append(at, i));
        else
            problems.error(pointer_append(at, i), "expected an object");
    }
    return out;
}

/// The numbers N of the withheld records `prefix`N that the view left out.
std::set<std::size_t> removed_numbers(const std::vector<WithheldRecord>& withheld,
                                      const std::string& prefix) {
    std::set<std::size_t> out;
    for (const auto& w : withheld) {
        if (!w.removed || !w.record.starts_with(prefix))
            continue;
        const std::string rest = w.record.substr(prefix.size());
        if (!rest.empty() &&
            std::all_of(rest.begin(), rest.end(), [](char c) { return c >= '0' && c <= '9'; }))
            out.insert(std::stoul(rest));
    }
    return out;
}

/// The record number of the `shown`-th entry (from 0) of a list whose `removed` numbers the view
/// left out.
std::size_t number_of(std::size_t shown, const std::set<std::size_t>& removed) {
    std::size_t seen = 0;
    for (std::size_t n = 1;; ++n) {
        if (removed.count(n) != 0)
            continue;
        if (seen++ == shown)
            return n;
    }
}

/// The cycle a cycle-level record id belongs to ("note:c-1/lesson/2" -> "c-1"), or empty.
std::string cycle_of_record(const std::string& record) {
    for (const char* prefix :
         {"cycle:", "stage-record:", "note:", "action:", "evidence:", "assessment:"}) {
        const std::string_view p(prefix);
        if (!record.starts_with(p))
            continue;
        const std::string rest = record.substr(p.size());
        const auto slash = rest.find('/');
        if (p == "cycle:")
            return rest;
        // `evidence:ITEM` is a stored item, which does not name its cycle.
        return slash == std::string::npos ? "" : rest.substr(0, slash);
    }
    return "";
}

bool unplaced_item(const WithheldRecord& w) {
    return w.removed && (w.kind == "evidence" || w.kind == "video") &&
           w.record.starts_with("evidence:") && w.record.find('/') == std::string::npos;
}

PartnershipRecord read_partnership(const boost::json::object& p) {
    PartnershipRecord out;
    out.id = text(p, "id");
    out.mode = text(p, "mode");
    out.focus = text(p, "focus");
    out.focus_chosen_by = text(p, "focus_chosen_by");
    out.specialist_input = text(p, "specialist_input");
    if (const auto* members = p.contains("members") ? p.at("members").if_array() : nullptr) {
        for (const auto& m : *members) {
            if (const auto* member = m.if_object())
                out.members.push_back({text(*member, "person"), text(*member, "role")});
        }
    }
    return out;
}

AgreementRecord read_agreement(const boost::json::object& a) {
    AgreementRecord out;
    out.partnership = text(a, "partnership");
    if (const auto* goals = a.contains("goals") ? a.at("goals").if_array() : nullptr) {
        for (const auto& g : *goals) {
            const auto* goal = g.if_object();
            if (goal == nullptr || text(*goal, "text").empty())
                continue;
            ++out.goals;
            if (!text(*goal, "school_priority").empty())
                ++out.goals_with_school_priority;
        }
    }
    out.ground_rules = texts(a, "ground_rules").size();
    out.planned_weeks = whole(a, "planned_weeks");
    out.planned_cycles = whole(a, "planned_cycles");
    out.review_dates = texts(a, "review_dates");
    if (const auto* acks =
            a.contains("acknowledgements") ? a.at("acknowledgements").if_array() : nullptr) {
        for (const auto& ack : *acks) {
            if (const auto* object = ack.if_object())
                out.signed_by.push_back(text(*object, "person"));
        }
    }
    const auto* signed_all = a.if_contains("signed");
    out.signed_by_all = signed_all != nullptr && signed_all->is_bool() && signed_all->get_bool();
    return out;
}

class CycleReader {
public:
    CycleReader(const std::vector<WithheldRecord>& withheld,
                const std::map<std::string, const boost::json::object*>& items)
        : withheld_(withheld), items_(items) {
        exact_references_ = std::none_of(withheld.begin(), withheld.end(), unplaced_item);
    }

    CycleRecord read(const boost::json::object& c) const {
        CycleRecord out;
        out.id = text(c, "id");
        out.partnership = text(c, "partnership");
        out.number = whole(c, "number").value_or(0);
        out.learner = text(c, "learner");
        out.status = text(c, "status");
        if (const auto* stages = c.contains("stages") ? c.at("stages").if_array() : nullptr) {
            for (const auto& s : *stages) {
                if (const auto* stage = s.if_object())
                    out.stages.push_back(read_stage(out.id, *stage));
            }
        }
        if (const auto* actions = c.contains("actions") ? c.at("actions").if_array() : nullptr) {
            const auto removed = removed_numbers(withheld_, "action:" + out.id + "/");
            std::size_t shown = 0;
            for (const auto& a : *actions) {
                const auto* action = a.if_object();
                if (action == nullptr)
                    continue;
                out.actions.push_back(
                    {"action:" + out.id + "/" + std::to_string(number_of(shown++, removed)),
                     text(*action, "owner"), text(*action, "by")});
            }
        }
        return out;
    }

private:
    StageRecord read_stage(const std::string& cycle, const boost::json::object& s) const {
        StageRecord out;
        out.id = text(s, "id");
        out.status = text(s, "status");
        out.scheduled_for = text(s, "scheduled_for");
        out.scheduled_by = text(s, "scheduled_by");
        out.record_by = text(s, "record_by");
        out.has_record = !text(s, "record").empty() || !text(s, "grade").empty();
        const std::string base = cycle + "/" + out.id + "/";
        if (const auto* notes = s.contains("notes") ? s.at("notes").if_array() : nullptr) {
            const auto removed = removed_numbers(withheld_, "note:" + base);
            std::size_t shown = 0;
            for (const auto& n : *notes) {
                const auto* note = n.if_object();
                if (note == nullptr)
                    continue;
                out.notes.push_back({"note:" + base + std::to_string(number_of(shown++, removed)),
                                     text(*note, "by")});
            }
        }
        if (const auto* evidence = s.contains("evidence") ? s.at("evidence").if_array() : nullptr) {
            const auto removed = removed_numbers(withheld_, "evidence:" + base);
            std::size_t shown = 0;
            for (const auto& e : *evidence) {
                const auto* entry = e.if_object();
                if (entry == nullptr)
                    continue;
                EvidenceEntry out_entry;
                out_entry.source = text(*entry, "source");
                out_entry.item = text(*entry, "item");
                out_entry.by = text(*entry, "by");
                const std::size_t number = number_of(shown++, removed);
                if (!out_entry.item.empty()) {
                    out_entry.record = "evidence:" + out_entry.item;
                    if (const auto found = items_.find(out_entry.item); found != items_.end())
                        out_entry.owner = text(*found->second, "owner");
                } else if (exact_references_) {
                    out_entry.record = "evidence:" + base + std::to_string(number);
                }
                out.evidence.push_back(std::move(out_entry));
            }
        }
        return out;
    }

    const std::vector<WithheldRecord>& withheld_;
    const std::map<std::string, const boost::json::object*>& items_;
    bool exact_references_ = true;
};

}  // namespace

std::vector<std::string> PartnershipRecord::learners() const {
    std::vector<std::string> out;
    for (const auto& m : members) {
        if (m.role == "professional-learner" || (mode == "co-coaching" && m.role == "co-coach"))
            out.push_back(m.person);
    }
    return out;
}

std::vector<std::string> PartnershipRecord::practitioners() const {
    std::vector<std::string> out;
    for (const auto& m : members) {
        if (m.role == "mentor" || m.role == "specialist-coach" || m.role == "co-coach")
            out.push_back(m.person);
    }
    return out;
}

bool PartnershipRecord::has_role(const std::string& person, const std::string& role) const {
    return std::any_of(members.begin(), members.end(),
                       [&](const MemberRecord& m) { return m.person == person && m.role == role; });
}

const PartnershipRecord* ProgrammeRecords::partnership(const std::string& id) const {
    for (const auto& p : partnerships) {
        if (p.id == id)
            return &p;
    }
    return nullptr;
}

std::vector<const CycleRecord*> ProgrammeRecords::cycles_of(const std::string& partnership) const {
    std::vector<const CycleRecord*> out;
    for (const auto& c : cycles) {
        if (c.partnership == partnership)
            out.push_back(&c);
    }
    return out;
}

std::vector<const WithheldRecord*> ProgrammeRecords::withheld_of(
    const std::string& partnership) const {
    std::set<std::string> own_cycles;
    for (const auto* c : cycles_of(partnership))
        own_cycles.insert(c->id);
    std::vector<const WithheldRecord*> out;
    for (const auto& w : withheld) {
        const bool own = w.record == "partnership:" + partnership ||
                         w.record == "agreement:" + partnership ||
                         own_cycles.count(cycle_of_record(w.record)) != 0;
        if (own)
            out.push_back(&w);
    }
    return out;
}

std::optional<ProgrammeRecords> read_programme_view(const boost::json::value& value,
                                                    const std::string& pointer, Diagnostics& out) {
    Problems problems(out);
    const auto* view = value.if_object();
    if (view == nullptr) {
        problems.error(pointer,
                       "expected the programme as one person's view (a "
                       "coachkit.programme-view/1 document: coachkit export --as PERSON)");
        return std::nullopt;
    }
    const std::string schema = text(*view, "schema");
    if (schema.starts_with("coachkit.programme/")) {
        problems.error(pointer_append(pointer, "schema"),
                       "this is the whole journal (" + schema +
                           "), which only the custodian holds; audit what a person may see "
                           "instead: a coachkit.programme-view/1 document (coachkit export --as "
                           "PERSON)");
        return std::nullopt;
    }
    if (!schema.empty() && schema != "coachkit.programme-view/1") {
        problems.error(pointer_append(pointer, "schema"),
                       "expected 'coachkit.programme-view/1', found '" + schema + "'");
        return std::nullopt;
    }
    const auto* partnerships = view->if_contains("partnerships");
    if (partnerships == nullptr || !partnerships->is_array()) {
        problems.error(pointer_append(pointer, "partnerships"),
                       partnerships == nullptr ? "missing required field 'partnerships'"
                                               : "expected an array");
        return std::nullopt;
    }
    ProgrammeRecords records;
    if (const auto* viewer = view->if_contains("viewer"); viewer && viewer->is_string())
        records.viewer = std::string(viewer->get_string());
    for (const auto& [w, at] : objects(*view, "withheld", pointer, problems)) {
        const std::string access = text(*w, "access");
        const auto* excerpt = w->if_contains("excerpt");
        const bool as_excerpt = excerpt != nullptr && excerpt->is_bool() && excerpt->get_bool();
        records.withheld.push_back(
            {text(*w, "record"), text(*w, "kind"), access == "deny" || as_excerpt});
    }
    for (const auto& [p, at] : objects(*view, "people", pointer, problems))
        records.staff_roles[text(*p, "id")] = text(*p, "role");
    for (const auto& [p, at] : objects(*view, "partnerships", pointer, problems)) {
        auto partnership = read_partnership(*p);
        if (partnership.id.empty()) {
            problems.error(pointer_append(at, "id"), "missing required field 'id'");
            continue;
        }
        records.partnerships.push_back(std::move(partnership));
    }
    for (const auto& [a, at] : objects(*view, "agreements", pointer, problems)) {
        auto agreement = read_agreement(*a);
        if (agreement.partnership.empty()) {
            problems.error(pointer_append(at, "partnership"),
                           "missing required field 'partnership'");
            continue;
        }
        records.agreements[agreement.partnership] = std::move(agreement);
    }
    std::map<std::string, const boost::json::object*> items;
    for (const auto& [item, at] : objects(*view, "evidence_items", pointer, problems))
        items[text(*item, "id")] = item;
    const CycleReader cycles(records.withheld, items);
    for (const auto& [c, at] : objects(*view, "cycles", pointer, problems)) {
        auto cycle = cycles.read(*c);
        if (cycle.id.empty() || cycle.partnership.empty()) {
            problems.error(at, "a cycle needs its 'id' and 'partnership'");
            continue;
        }
        records.cycles.push_back(std::move(cycle));
    }
    for (const auto& w : records.withheld) {
        if (w.kind == "partnership" && !w.removed) {
            for (auto& p : records.partnerships) {
                if (w.record == "partnership:" + p.id)
                    p.redacted = true;
            }
        }
        if (w.kind == "agreement" && !w.removed) {
            const auto found = records.agreements.find(w.record.substr(w.record.find(':') + 1));
            if (found != records.agreements.end())
                found->second.redacted = true;
        }
    }
    return records;
}

}  // namespace coachkit::audit
