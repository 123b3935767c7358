#include "coachkit/framework/framework.hpp"

#include <algorithm>

#include "coachkit/json/document.hpp"
#include "framework/embedded_packs.hpp"
#include "framework/framework_data.hpp"
#include "framework/pack_reader.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

template <typename Item>
void index_by_id(const std::vector<Item>& items, IdIndex& index) {
    index.clear();
    for (std::size_t i = 0; i < items.size(); ++i)
        index.emplace(items[i].id, i);
}

template <typename Item>
const Item* find_in(const std::vector<Item>& items, const IdIndex& index, std::string_view id) {
    const auto found = index.find(id);
    return found == index.end() ? nullptr : &items[found->second];
}

template <typename Item>
const Item& get_in(const std::vector<Item>& items, const IdIndex& index, std::string_view id,
                   std::string_view what) {
    if (const auto* item = find_in(items, index, id))
        return *item;
    std::string known;
    for (const auto& item : items)
        known += (known.empty() ? "" : ", ") + item.id;
    throw NotFoundError("unknown " + std::string(what) + " '" + std::string(id) +
                        "' (known: " + (known.empty() ? "none" : known) + ")");
}

/// Orders items by their number in `mode`; unnumbered ones keep pack order after the numbered.
std::vector<Competence> in_mode(const std::vector<Competence>& items, const std::string& mode) {
    std::vector<Competence> out;
    for (const auto& item : items) {
        if (item.in_mode(mode))
            out.push_back(item);
    }
    std::stable_sort(out.begin(), out.end(), [&](const Competence& a, const Competence& b) {
        const auto& na = a.modes.at(mode).number;
        const auto& nb = b.modes.at(mode).number;
        if (na && nb)
            return *na < *nb;
        return na.has_value() && !nb.has_value();
    });
    return out;
}

CompetenceComparison compare_competences(const std::vector<Competence>& items,
                                         const std::vector<std::string>& modes) {
    CompetenceComparison result;
    for (const auto& mode : modes)
        result.unique[mode];
    for (const auto& item : items) {
        std::vector<std::string> present;
        for (const auto& mode : modes) {
            if (item.in_mode(mode))
                present.push_back(mode);
        }
        if (present.size() == modes.size()) {
            result.shared_by_all.push_back(item);
        } else if (present.size() > 1) {
            result.shared_by_some.push_back(item);
        } else if (present.size() == 1) {
            result.unique[present.front()].push_back(item);
        }
    }
    // Present each list in the first compared mode's order, where that mode numbers them.
    auto order_by = [&](std::vector<Competence>& list, const std::string& mode) {
        std::stable_sort(list.begin(), list.end(), [&](const Competence& a, const Competence& b) {
            const auto pa = a.modes.find(mode);
            const auto pb = b.modes.find(mode);
            const int na = pa != a.modes.end() && pa->second.number ? *pa->second.number : 1 << 30;
            const int nb = pb != b.modes.end() && pb->second.number ? *pb->second.number : 1 << 30;
            return na < nb;
        });
    };
    order_by(result.shared_by_all, modes.front());
    order_by(result.shared_by_some, modes.front());
    for (auto& [mode, list] : result.unique)
        order_by(list, mode);
    return result;
}

}  // namespace

namespace {

/// Reads a parsed (or failed) document into a Framework, or throws with every problem found.
Framework build(std::optional<boost::json::value> document, std::string_view origin,
                const Framework* base, Diagnostics& problems) {
    if (!document)
        throw InvalidDocumentError(std::move(problems));
    auto data = read_pack(std::move(*document), origin, base, problems);
    if (!data)
        throw InvalidDocumentError(std::move(problems));
    return Framework(std::move(data));
}

}  // namespace

void Framework::Data::build_indexes() {
    index_by_id(principles, principle_index);
    index_by_id(modes, mode_index);
    index_by_id(roles, role_index);
    index_by_id(skills, skill_index);
    index_by_id(abilities, ability_index);
    index_by_id(activities, activity_index);
    theme_index.clear();
    for (std::size_t i = 0; i < themes.size(); ++i)
        theme_index.emplace(themes[i].number, i);
}

const std::string& Competence::label_in(const std::string& mode) const {
    const auto found = modes.find(mode);
    return found != modes.end() && !found->second.wording.empty() ? found->second.wording : name;
}

Framework::Framework(std::shared_ptr<const Data> data) : data_(std::move(data)) {}

const Framework& Framework::curee() {
    // Parsed on first use; a static local is initialised once even with concurrent callers.
    static const Framework builtin = [] {
        constexpr std::string_view origin = "coachkit:curee.framework.json";
        Diagnostics problems;
        // The built-in pack is the base of all others, so it is read without one.
        return build(parse_json(embedded_curee_pack(), origin, problems), origin, nullptr,
                     problems);
    }();
    return builtin;
}

const PackInfo& Framework::info() const {
    return data_->info;
}
const std::vector<Principle>& Framework::principles() const {
    return data_->principles;
}
const std::vector<Mode>& Framework::modes() const {
    return data_->modes;
}
const std::vector<FrameworkRole>& Framework::roles() const {
    return data_->roles;
}
const std::vector<Theme>& Framework::themes() const {
    return data_->themes;
}
const std::vector<Skill>& Framework::skills() const {
    return data_->skills;
}
const std::vector<Ability>& Framework::abilities() const {
    return data_->abilities;
}
const std::vector<Activity>& Framework::activities() const {
    return data_->activities;
}

const Principle* Framework::find_principle(std::string_view id) const {
    return find_in(data_->principles, data_->principle_index, id);
}
const Mode* Framework::find_mode(std::string_view id) const {
    return find_in(data_->modes, data_->mode_index, id);
}
const FrameworkRole* Framework::find_role(std::string_view id) const {
    return find_in(data_->roles, data_->role_index, id);
}
const Theme* Framework::find_theme(int number) const {
    const auto found = data_->theme_index.find(number);
    return found == data_->theme_index.end() ? nullptr : &data_->themes[found->second];
}
const Skill* Framework::find_skill(std::string_view id) const {
    return find_in(data_->skills, data_->skill_index, id);
}
const Ability* Framework::find_ability(std::string_view id) const {
    return find_in(data_->abilities, data_->ability_index, id);
}
const Activity* Framework::find_activity(std::string_view id) const {
    return find_in(data_->activities, data_->activity_index, id);
}

const Principle& Framework::principle(std::string_view id) const {
    return get_in(data_->principles, data_->principle_index, id, "principle");
}
const Mode& Framework::mode(std::string_view id) const {
    return get_in(data_->modes, data_->mode_index, id, "mode");
}
const FrameworkRole& Framework::role(std::string_view id) const {
    return get_in(data_->roles, data_->role_index, id, "role");
}
const Theme& Framework::theme(int number) const {
    if (const auto* found = find_theme(number))
        return *found;
    throw NotFoundError(
        "unknown theme " + std::to_string(number) + " (the framework has themes 1 to " +
        std::to_string(data_->themes.empty() ? 0 : data_->themes.back().number) + ")");
}
const Skill& Framework::skill(std::string_view id) const {
    return get_in(data_->skills, data_->skill_index, id, "skill");
}
const Ability& Framework::ability(std::string_view id) const {
    return get_in(data_->abilities, data_->ability_index, id, "ability");
}
const Activity& Framework::activity(std::string_view id) const {
    return get_in(data_->activities, data_->activity_index, id, "activity");
}

std::vector<Skill> Framework::skills_of(std::string_view mode_id) const {
    return in_mode(data_->skills, mode(mode_id).id);
}

std::vector<Ability> Framework::abilities_of(std::string_view mode_id) const {
    return in_mode(data_->abilities, mode(mode_id).id);
}

std::vector<Activity> Framework::activities_of(std::string_view mode_id) const {
    const std::string& id = mode(mode_id).id;
    std::vector<Activity> out;
    std::copy_if(data_->activities.begin(), data_->activities.end(), std::back_inserter(out),
                 [&](const Activity& a) { return a.mode == id; });
    std::sort(out.begin(), out.end(),
              [](const Activity& a, const Activity& b) { return a.number < b.number; });
    return out;
}

ThemeRow Framework::follow_theme(int number) const {
    ThemeRow row{theme(number), {}};
    for (const auto& m : data_->modes)
        row.activities[m.id] = std::nullopt;
    for (const auto& a : data_->activities) {
        if (a.theme == number)
            row.activities[a.mode] = a;
    }
    return row;
}

ModeComparison Framework::compare(const std::vector<std::string>& mode_ids) const {
    if (mode_ids.size() < 2)
        throw Error("compare needs at least two modes");
    ModeComparison result;
    for (const auto& id : mode_ids) {
        const std::string& known = mode(id).id;  // throws NotFoundError for an unknown mode
        if (std::find(result.modes.begin(), result.modes.end(), known) != result.modes.end()) {
            throw Error("mode '" + known + "' is given twice");
        }
        result.modes.push_back(known);
    }
    result.skills = compare_competences(data_->skills, result.modes);
    result.abilities = compare_competences(data_->abilities, result.modes);
    for (const auto& t : data_->themes) {
        ThemeRow row{t, {}};
        bool any = false;
        for (const auto& m : result.modes) {
            row.activities[m] = std::nullopt;
            for (const auto& a : data_->activities) {
                if (a.mode == m && a.theme == t.number) {
                    row.activities[m] = a;
                    any = true;
                }
            }
        }
        if (any)
            result.themes.push_back(std::move(row));
    }
    return result;
}

boost::json::value Framework::to_json() const {
    return data_->document;
}

Framework load_pack_text(std::string_view json, std::string_view origin) {
    Diagnostics problems;
    return build(parse_json(json, origin, problems), origin, &Framework::curee(), problems);
}

Framework load_pack(const std::filesystem::path& path) {
    Diagnostics problems;
    return build(read_json_file(path, problems), path.string(), &Framework::curee(), problems);
}

Diagnostics validate_pack(const std::filesystem::path& path) {
    Diagnostics problems;
    if (auto document = read_json_file(path, problems)) {
        (void)read_pack(std::move(*document), path.string(), &Framework::curee(), problems);
    }
    return problems;
}

COACHKIT_NAMESPACE_END
