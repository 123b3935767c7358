// Programme export and import: `coachkit.programme/1`. The events are the truth; `state` is what
// they give, carried for readers that do not replay, and checked on import so that a hand-edited
// state cannot pass for the journal's.
#include "coachkit/programme/exchange.hpp"

#include <map>

#include "coachkit/json/document.hpp"
#include "coachkit/programme/engine.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

constexpr std::string_view kFamily = "coachkit.programme";
constexpr int kCurrentVersion = 1;

const std::map<int, UpgradeStep>& upgrade_steps() {
    static const std::map<int, UpgradeStep> steps;  // /1 is the first version
    return steps;
}

/// The first place where `a` and `b` differ, as a JSON pointer under `at`, or nothing.
std::optional<std::string> first_difference(const boost::json::value& a,
                                            const boost::json::value& b, const std::string& at) {
    if (a.kind() != b.kind())
        return at;
    if (const auto* oa = a.if_object()) {
        const auto& ob = b.as_object();
        for (const auto& [key, value] : *oa) {
            const auto* other = ob.if_contains(key);
            if (other == nullptr)
                return pointer_append(at, key);
            if (auto diff = first_difference(value, *other, pointer_append(at, key)))
                return diff;
        }
        for (const auto& [key, value] : ob) {
            (void)value;
            if (!oa->contains(key))
                return pointer_append(at, key);
        }
        return std::nullopt;
    }
    if (const auto* aa = a.if_array()) {
        const auto& ab = b.as_array();
        for (std::size_t i = 0; i < std::min(aa->size(), ab.size()); ++i) {
            if (auto diff = first_difference((*aa)[i], ab[i], pointer_append(at, i)))
                return diff;
        }
        if (aa->size() != ab.size())
            return pointer_append(at, std::min(aa->size(), ab.size()));
        return std::nullopt;
    }
    if (a != b)
        return at;
    return std::nullopt;
}

Diagnostic problem(std::string_view origin, std::string pointer, std::string message) {
    return Diagnostic{Severity::error,   std::string(origin), std::move(pointer), 0, 0,
                      std::move(message)};
}

}  // namespace

boost::json::object export_programme(const EventStore& store) {
    const auto events = store.read();
    const ProgrammeState state = ProgrammeState::replay(events, "store");
    boost::json::object out;
    out["schema"] = SchemaTag{std::string(kFamily), kCurrentVersion}.to_string();
    out["exported_at"] = utc_now();
    out["exported_by"] = std::string("coachkit ") + COACHKIT_VERSION_STRING;
    out["programme"] = boost::json::object{{"id", state.id()}, {"name", state.name()}};
    out["state"] = to_json(state);
    boost::json::array list;
    list.reserve(events.size());
    for (const auto& event : events)
        list.push_back(to_json(event));
    out["events"] = std::move(list);
    return out;
}

ProgrammeState import_programme(const boost::json::value& value, EventStore& store,
                                std::string_view origin) {
    // The target first: a long document is not checked only to be turned away.
    if (store.last_sequence() != 0) {
        throw RefusedError("programme-exists",
                           "the store already holds a programme; import into a new, empty store");
    }
    Diagnostics problems;
    const auto* input = value.if_object();
    if (input == nullptr) {
        problems.push_back(problem(origin, "", "a programme document must be a JSON object"));
        throw InvalidDocumentError(problems);
    }
    boost::json::object document = *input;
    if (!upgrade_document(document, kFamily, kCurrentVersion, upgrade_steps(), origin, problems))
        throw InvalidDocumentError(problems);

    const auto* list = document.if_contains("events");
    if (list == nullptr || !list->is_array()) {
        problems.push_back(problem(
            origin, "/events",
            list == nullptr ? "'events' is missing" : "'events' must be an array of events"));
        throw InvalidDocumentError(problems);
    }
    std::vector<Event> events;
    events.reserve(list->as_array().size());
    for (std::size_t i = 0; i < list->as_array().size(); ++i) {
        const std::string at = pointer_append("/events", i);
        auto event = event_from_json(list->as_array()[i], origin, at, problems);
        if (!event)
            continue;
        const auto expected = static_cast<std::int64_t>(i + 1);
        if (event->sequence != expected) {
            problems.push_back(problem(origin, pointer_append(at, "sequence"),
                                       "expected sequence " + std::to_string(expected) + ", not " +
                                           std::to_string(event->sequence) +
                                           " (events are numbered 1, 2, 3… in order)"));
        }
        events.push_back(std::move(*event));
    }
    if (events.empty() && problems.empty())
        problems.push_back(problem(origin, "/events", "there are no events: nothing to import"));
    if (!problems.empty())
        throw InvalidDocumentError(problems);

    // ReplayError points at /events/<index>, the same place in this document.
    ProgrammeState state = ProgrammeState::replay(events, origin);

    if (const auto* programme = document.if_contains("programme")) {
        const auto* object = programme->if_object();
        const auto* id = object != nullptr ? object->if_contains("id") : nullptr;
        if (id != nullptr && (!id->is_string() || id->as_string() != state.id())) {
            problems.push_back(
                problem(origin, "/programme/id",
                        "does not match the programme its events create ('" + state.id() + "')"));
        }
    }
    if (const auto* given = document.if_contains("state")) {
        if (auto diff = first_difference(*given, to_json(state), "/state")) {
            problems.push_back(
                problem(origin, *diff,
                        "the state does not match what the events give; the events are the record: "
                        "remove 'state' or correct it"));
        }
    }
    if (!problems.empty())
        throw InvalidDocumentError(problems);

    // expected_last 0: had another writer filled the store meanwhile, nothing is written.
    store.append(events, 0);
    return state;
}

ProgrammeState import_programme_file(const std::filesystem::path& path, EventStore& store) {
    Diagnostics problems;
    const auto value = read_json_file(path, problems);
    if (!value)
        throw InvalidDocumentError(problems);
    return import_programme(*value, store, path.string());
}

COACHKIT_NAMESPACE_END
