// Reading a model pack: check each layer's shape, lay layers over one another by item id, then
// decode the merged result into typed items and check the references between them.
//
// Every problem is collected (not thrown at the first) so a school fixing its pack sees them all.
// Each names the file and JSON pointer of the layer that last touched the item at fault.

#include "framework/pack_reader.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>

#include "coachkit/json/document.hpp"
#include "json/field_reader.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

constexpr std::string_view kFamily = "coachkit.framework";
constexpr int kCurrentVersion = 1;

// No older versions exist yet; the first format change adds its step here.
const std::map<int, UpgradeStep>& upgrade_steps() {
    static const std::map<int, UpgradeStep> steps;
    return steps;
}

constexpr std::array<std::string_view, 7> kCollections = {
    "principles", "modes", "roles", "themes", "skills", "abilities", "activities"};

struct RawItem {
    boost::json::object value;
    Origin origin;
};

/// One pack document, checked for shape only: what a layer contributes before merging.
struct Layer {
    std::string file;
    boost::json::object top;  // every top-level field except the collections
    std::map<std::string, std::vector<RawItem>, std::less<>> collections;
    std::vector<std::string> layer_ids;
};

std::string known_list(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) {
        if (!out.empty())
            out += ", ";
        out += name;
    }
    return out.empty() ? std::string("none") : out;
}

std::optional<Layer> read_layer(boost::json::value document, std::string_view file,
                                Diagnostics& out) {
    const std::size_t errors_before = out.size();
    auto* root = document.if_object();
    if (root == nullptr) {
        out.push_back(
            {Severity::error, std::string(file), "", 0, 0, "a pack must be a JSON object"});
        return std::nullopt;
    }
    if (!upgrade_document(*root, kFamily, kCurrentVersion, upgrade_steps(), file, out)) {
        return std::nullopt;
    }

    Layer layer;
    layer.file = std::string(file);
    const Origin root_origin{layer.file, ""};
    FieldReader top(*root, root_origin, out);
    const std::string id = top.id();
    top.text("name", Required::yes);
    top.text("version", Required::no);
    top.text("description", Required::no);
    top.text("extends", Required::no);
    if (const auto* sources = top.object("sources", Required::no)) {
        for (const auto& [name, title] : *sources) {
            if (!title.is_string()) {
                top.error(pointer_append("/sources", name), "a source's title must be a string");
            }
        }
    }
    layer.layer_ids.push_back(id);

    for (const auto& [key, value] : *root) {
        const auto* collection =
            std::find(kCollections.begin(), kCollections.end(), std::string_view(key));
        if (collection == kCollections.end()) {
            layer.top[key] = value;
            continue;
        }
        const std::string pointer = pointer_append("", key);
        const auto* items = value.if_array();
        auto& raw_items = layer.collections[std::string(key)];  // present, even if malformed
        if (items == nullptr) {
            out.push_back({Severity::error, layer.file, pointer, 0, 0,
                           "'" + std::string(key) + "' must be an array of items"});
            continue;
        }
        std::map<std::string, std::string, std::less<>> first_seen;  // id -> pointer
        for (std::size_t i = 0; i < items->size(); ++i) {
            const std::string item_pointer = pointer_append(pointer, i);
            const auto* item = (*items)[i].if_object();
            if (item == nullptr) {
                out.push_back({Severity::error, layer.file, item_pointer, 0, 0,
                               "an item must be a JSON object"});
                continue;
            }
            FieldReader reader(*item, Origin{layer.file, item_pointer}, out);
            const std::string item_id = reader.id();
            if (item_id.empty())
                continue;
            const auto [seen, inserted] = first_seen.emplace(item_id, item_pointer);
            if (!inserted) {
                out.push_back({Severity::error, layer.file, item_pointer, 0, 0,
                               "duplicate id '" + item_id + "' (first at " + seen->second + ")"});
                continue;
            }
            raw_items.push_back(RawItem{*item, Origin{layer.file, item_pointer}});
        }
    }
    // Items with a broken shape were left out above; the rest still go on to be merged and
    // cross-checked, so one bad id does not hide a bad reference elsewhere. The caller refuses the
    // pack if any error was found.
    (void)errors_before;
    return layer;
}

/// Objects merge key by key; anything else is replaced by the overlay's value.
void deep_merge(boost::json::object& base, const boost::json::object& overlay) {
    for (const auto& [key, value] : overlay) {
        auto* existing = base.if_contains(key);
        if (existing != nullptr && existing->is_object() && value.is_object()) {
            deep_merge(existing->as_object(), value.as_object());
        } else {
            base[key] = value;
        }
    }
}

void merge_layer(Layer& base, Layer overlay) {
    for (const auto& [key, value] : overlay.top) {
        if (key == "extends")
            continue;
        auto* existing = base.top.if_contains(key);
        if (key == "sources" && existing != nullptr && existing->is_object() && value.is_object()) {
            deep_merge(existing->as_object(), value.as_object());
        } else {
            base.top[key] = value;
        }
    }
    for (auto& [name, items] : overlay.collections) {
        auto& target = base.collections[name];
        for (auto& item : items) {
            const std::string_view id = item.value.at("id").as_string();
            auto match = std::find_if(target.begin(), target.end(), [&](const RawItem& existing) {
                return existing.value.at("id").as_string() == id;
            });
            if (match == target.end()) {
                target.push_back(std::move(item));
            } else {
                deep_merge(match->value, item.value);
                match->origin = item.origin;
            }
        }
    }
    base.layer_ids.insert(base.layer_ids.end(), overlay.layer_ids.begin(), overlay.layer_ids.end());
    base.file = overlay.file;
}

const std::vector<std::string_view> kItemFields = {"id", "name", "summary", "source"};

/// Reads the fields every item has. Most items are known by a name; an activity is known by its
/// summary (the framework describes activities, it does not name them).
template <typename Item>
void read_common(FieldReader& reader, Item& item, std::vector<std::string_view> known,
                 bool described_not_named = false) {
    item.id = reader.id();
    item.name = reader.text("name", described_not_named ? Required::no : Required::yes);
    item.summary = reader.text("summary", described_not_named ? Required::yes : Required::no);
    item.source = reader.text("source", Required::no);
    known.insert(known.end(), kItemFields.begin(), kItemFields.end());
    item.extra = reader.unknown_fields(known);
}

/// Decodes a merged layer into typed items and checks cross-references.
class Decoder {
public:
    Decoder(const Layer& layer, Diagnostics& out)
        : layer_(layer), out_(out), errors_before_(out.size()) {}

    std::shared_ptr<Framework::Data> decode() {
        auto data = std::make_shared<Framework::Data>();
        data_ = data.get();
        read_info();
        for (const auto name : kCollections) {
            if (layer_.collections.find(name) == layer_.collections.end()) {
                out_.push_back({Severity::error, layer_.file, pointer_append("", name), 0, 0,
                                "missing required field '" + std::string(name) +
                                    "' (a pack without 'extends' must be complete)"});
            }
        }
        for_each("roles", [&](FieldReader& r) { data->roles.push_back(read_role(r)); });
        for_each("modes", [&](FieldReader& r) { data->modes.push_back(read_mode(r)); });
        for_each("principles",
                 [&](FieldReader& r) { data->principles.push_back(read_principle(r)); });
        for_each("themes", [&](FieldReader& r) { data->themes.push_back(read_theme(r)); });
        for_each("skills",
                 [&](FieldReader& r) { data->skills.push_back(read_competence(r, true)); });
        for_each("abilities",
                 [&](FieldReader& r) { data->abilities.push_back(read_competence(r, false)); });
        for_each("activities",
                 [&](FieldReader& r) { data->activities.push_back(read_activity(r)); });
        check_references();
        if (errors_since(out_, errors_before_))
            return nullptr;
        data->document = build_document();
        data->build_indexes();
        return data;
    }

private:
    template <typename Fn>
    void for_each(std::string_view collection, Fn&& fn) {
        const auto found = layer_.collections.find(collection);
        if (found == layer_.collections.end())
            return;
        for (const auto& item : found->second) {
            FieldReader reader(item.value, item.origin, out_);
            fn(reader);
            origins_[std::string(collection)].push_back(item.origin);
        }
    }

    void read_info() {
        FieldReader top(layer_.top, Origin{layer_.file, ""}, out_);
        auto& info = data_->info;
        info.id = top.text("id", Required::no);
        info.name = top.text("name", Required::no);
        info.version = top.text("version", Required::no);
        info.description = top.text("description", Required::no);
        info.layers = layer_.layer_ids;
        if (const auto* sources = layer_.top.if_contains("sources");
            sources && sources->is_object()) {
            for (const auto& [file, title] : sources->as_object()) {
                if (title.is_string())
                    info.sources[std::string(file)] = std::string(title.as_string());
            }
        }
    }

    FrameworkRole read_role(FieldReader& r) {
        FrameworkRole role;
        read_common(r, role, {"modes"});
        role.modes = r.string_list("modes", Required::no);
        return role;
    }

    Mode read_mode(FieldReader& r) {
        Mode mode;
        read_common(r, mode,
                    {"definition", "practitioner_role", "learner_role", "concepts", "purposes"});
        mode.definition = r.text("definition", Required::yes);
        mode.practitioner_role = r.text("practitioner_role", Required::no);
        mode.learner_role = r.text("learner_role", Required::no);
        if (const auto* concepts = r.object("concepts", Required::no)) {
            FieldReader c(*concepts, r.child_origin("concepts"), out_);
            mode.concepts =
                CoreConcepts{c.text("why", Required::yes), c.text("who", Required::yes),
                             c.text("what", Required::yes), c.text("where", Required::yes),
                             c.text("when", Required::yes)};
        }
        if (const auto* purposes = r.array("purposes", Required::no)) {
            std::set<std::string> seen;
            for (std::size_t i = 0; i < purposes->size(); ++i) {
                const Origin origin = r.child_origin("purposes", i);
                const auto* object = (*purposes)[i].if_object();
                if (object == nullptr) {
                    out_.push_back({Severity::error, origin.file, origin.pointer, 0, 0,
                                    "a purpose must be a JSON object"});
                    continue;
                }
                FieldReader p(*object, origin, out_);
                Purpose purpose;
                read_common(p, purpose, {});
                if (!purpose.id.empty() && !seen.insert(purpose.id).second) {
                    p.error("/id", "duplicate purpose id '" + purpose.id + "'");
                }
                mode.purposes.push_back(std::move(purpose));
            }
        }
        return mode;
    }

    Principle read_principle(FieldReader& r) {
        Principle principle;
        read_common(r, principle, {"number"});
        principle.number = r.integer("number", Required::yes).value_or(0);
        return principle;
    }

    Theme read_theme(FieldReader& r) {
        Theme theme;
        read_common(r, theme, {"number"});
        theme.number = r.integer("number", Required::yes).value_or(0);
        return theme;
    }

    Competence read_competence(FieldReader& r, bool numbered) {
        Competence item;
        read_common(r, item, {"modes"});
        const auto* modes = r.object("modes", Required::yes);
        if (modes == nullptr)
            return item;
        if (modes->empty())
            r.error("/modes", "'modes' must place the item in at least one mode");
        for (const auto& [mode_id, value] : *modes) {
            const Origin origin = r.child_origin("modes", mode_id);
            const auto* object = value.if_object();
            if (object == nullptr) {
                out_.push_back({Severity::error, origin.file, origin.pointer, 0, 0,
                                "a placement must be a JSON object such as {\"number\": 1}"});
                continue;
            }
            FieldReader p(*object, origin, out_);
            Placement placement;
            placement.number = p.integer("number", numbered ? Required::yes : Required::no);
            placement.wording = p.text("wording", Required::no);
            item.modes.emplace(std::string(mode_id), std::move(placement));
        }
        return item;
    }

    Activity read_activity(FieldReader& r) {
        Activity activity;
        read_common(r, activity, {"mode", "number", "theme"}, true);
        activity.mode = r.text("mode", Required::yes);
        activity.number = r.integer("number", Required::yes).value_or(0);
        activity.theme = r.integer("theme", Required::yes).value_or(0);
        return activity;
    }

    const Origin& origin_of(std::string_view collection, std::size_t index) const {
        return origins_.at(std::string(collection)).at(index);
    }

    void error_at(std::string_view collection, std::size_t index, std::string_view field,
                  std::string message) {
        const Origin& origin = origin_of(collection, index);
        out_.push_back({Severity::error, origin.file, origin.pointer + std::string(field), 0, 0,
                        std::move(message)});
    }

    template <typename Item, typename Key>
    void check_unique_numbers(std::string_view collection, const std::vector<Item>& items,
                              Key key_of, std::string_view what) {
        std::map<decltype(key_of(items.front())), std::string> seen;
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (items[i].number == 0)
                continue;  // already reported as missing
            const auto [it, inserted] = seen.emplace(key_of(items[i]), items[i].id);
            if (!inserted) {
                error_at(collection, i, "/number",
                         "duplicate " + std::string(what) + " number " +
                             std::to_string(items[i].number) + " (also '" + it->second + "')");
            }
        }
    }

    void check_references() {
        const auto& d = *data_;
        std::vector<std::string> mode_ids, role_ids;
        for (const auto& m : d.modes)
            mode_ids.push_back(m.id);
        for (const auto& r : d.roles)
            role_ids.push_back(r.id);
        std::set<int> theme_numbers;
        for (const auto& t : d.themes)
            theme_numbers.insert(t.number);
        auto known_mode = [&](const std::string& id) {
            return std::find(mode_ids.begin(), mode_ids.end(), id) != mode_ids.end();
        };
        auto unknown_mode = [&](const std::string& id) {
            return "unknown mode '" + id + "' (known: " + known_list(mode_ids) + ")";
        };

        for (std::size_t i = 0; i < d.modes.size(); ++i) {
            for (const auto* field : {"practitioner_role", "learner_role"}) {
                const auto& role = std::string_view(field) == "practitioner_role"
                                       ? d.modes[i].practitioner_role
                                       : d.modes[i].learner_role;
                if (!role.empty() &&
                    std::find(role_ids.begin(), role_ids.end(), role) == role_ids.end()) {
                    error_at("modes", i, "/" + std::string(field),
                             "unknown role '" + role + "' (known: " + known_list(role_ids) + ")");
                }
            }
        }
        for (std::size_t i = 0; i < d.roles.size(); ++i) {
            for (std::size_t m = 0; m < d.roles[i].modes.size(); ++m) {
                if (!known_mode(d.roles[i].modes[m])) {
                    error_at("roles", i, "/modes/" + std::to_string(m),
                             unknown_mode(d.roles[i].modes[m]));
                }
            }
        }
        check_unique_numbers(
            "principles", d.principles, [](const Principle& p) { return p.number; }, "principle");
        check_unique_numbers(
            "themes", d.themes, [](const Theme& t) { return t.number; }, "theme");
        check_unique_numbers(
            "activities", d.activities,
            [](const Activity& a) { return std::make_pair(a.mode, a.number); }, "activity");
        check_sources();
        check_competences("skills", d.skills, "skill", known_mode, unknown_mode);
        check_competences("abilities", d.abilities, "ability", known_mode, unknown_mode);
        for (std::size_t i = 0; i < d.activities.size(); ++i) {
            const auto& a = d.activities[i];
            if (!a.mode.empty() && !known_mode(a.mode))
                error_at("activities", i, "/mode", unknown_mode(a.mode));
            if (a.theme != 0 && theme_numbers.count(a.theme) == 0) {
                error_at("activities", i, "/theme",
                         "unknown theme " + std::to_string(a.theme) + " (the pack defines " +
                             std::to_string(theme_numbers.size()) + " themes)");
            }
        }
    }

    /// A cited source the pack does not list is a warning: the item still loads, but a reader
    /// cannot look the citation up.
    void check_sources() {
        const auto& listed = data_->info.sources;
        if (listed.empty())
            return;
        auto check = [&](std::string_view collection, const auto& items) {
            for (std::size_t i = 0; i < items.size(); ++i) {
                const std::string& source = items[i].source;
                if (source.empty() || listed.count(source))
                    continue;
                const Origin& origin = origin_of(collection, i);
                out_.push_back({Severity::warning, origin.file, origin.pointer + "/source", 0, 0,
                                "source '" + source + "' is not listed in the pack's 'sources'"});
            }
        };
        check("principles", data_->principles);
        check("modes", data_->modes);
        check("roles", data_->roles);
        check("themes", data_->themes);
        check("skills", data_->skills);
        check("abilities", data_->abilities);
        check("activities", data_->activities);
    }

    template <typename KnownMode, typename UnknownMode>
    void check_competences(std::string_view collection, const std::vector<Competence>& items,
                           std::string_view what, KnownMode known_mode, UnknownMode unknown_mode) {
        std::map<std::pair<std::string, int>, std::string> seen;  // (mode, number) -> id
        for (std::size_t i = 0; i < items.size(); ++i) {
            for (const auto& [mode, placement] : items[i].modes) {
                const std::string field = pointer_append("/modes", mode);
                if (!known_mode(mode)) {
                    error_at(collection, i, field, unknown_mode(mode));
                    continue;
                }
                if (!placement.number)
                    continue;
                const auto [it, inserted] =
                    seen.emplace(std::make_pair(mode, *placement.number), items[i].id);
                if (!inserted) {
                    error_at(collection, i, field + "/number",
                             "duplicate " + std::string(what) + " number " +
                                 std::to_string(*placement.number) + " in mode '" + mode +
                                 "' (also '" + it->second + "')");
                }
            }
        }
    }

    boost::json::object build_document() const {
        boost::json::object doc;
        doc["schema"] = SchemaTag{std::string(kFamily), kCurrentVersion}.to_string();
        for (const auto& [key, value] : layer_.top) {
            if (key != "schema" && key != "extends")
                doc[key] = value;
        }
        for (const auto name : kCollections) {
            boost::json::array items;
            if (const auto found = layer_.collections.find(name);
                found != layer_.collections.end()) {
                for (const auto& item : found->second)
                    items.push_back(item.value);
            }
            doc[name] = std::move(items);
        }
        return doc;
    }

    const Layer& layer_;
    Diagnostics& out_;
    std::size_t errors_before_;
    Framework::Data* data_ = nullptr;
    std::map<std::string, std::vector<Origin>> origins_;
};

}  // namespace

std::shared_ptr<Framework::Data> read_pack(boost::json::value document, std::string_view origin,
                                           const Framework* base, Diagnostics& out) {
    const std::size_t errors_before = out.size();
    auto layer = read_layer(std::move(document), origin, out);
    if (!layer)
        return nullptr;

    const auto* extends = layer->top.if_contains("extends");
    if (extends != nullptr && extends->is_string()) {
        const std::string_view wanted = extends->as_string();
        if (base == nullptr || base->info().id != wanted) {
            out.push_back({Severity::error, layer->file, "/extends", 0, 0,
                           "unknown base pack '" + std::string(wanted) +
                               "' (this build can extend: " +
                               (base ? base->info().id : std::string("none")) + ")"});
            return nullptr;
        }
        Diagnostics base_problems;
        auto merged = read_layer(base->to_json(), "coachkit:" + base->info().id, base_problems);
        if (!merged) {
            out.insert(out.end(), base_problems.begin(), base_problems.end());
            return nullptr;
        }
        merged->layer_ids = base->info().layers;
        merge_layer(*merged, std::move(*layer));
        layer = std::move(merged);
    }

    auto data = Decoder(*layer, out).decode();
    if (errors_since(out, errors_before))
        return nullptr;
    return data;
}

COACHKIT_NAMESPACE_END
