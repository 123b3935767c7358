// Reading plugin.json. Everything here is checked without opening any library.
#include "coachkit/plugin/manifest.hpp"

#include <algorithm>
#include <charconv>
#include <set>
#include <sstream>

#include "coachkit/json/document.hpp"
#include "json/field_reader.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace {

constexpr std::string_view kFamily = "coachkit.plugin";
constexpr int kCurrentVersion = 1;

const std::map<int, UpgradeStep>& upgrade_steps() {
    static const std::map<int, UpgradeStep> steps;  // none yet: /1 is the first version
    return steps;
}

/// "1.2.3" -> {1, 2, 3}; missing parts are 0. Empty if not a dotted number.
std::optional<std::vector<int>> parse_version(std::string_view text) {
    std::vector<int> parts;
    while (!text.empty()) {
        const auto dot = text.find('.');
        const std::string_view part = text.substr(0, dot);
        int value = 0;
        if (part.empty() || part.front() < '0' || part.front() > '9')
            return std::nullopt;
        const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
        if (ec != std::errc{} || end != part.data() + part.size())
            return std::nullopt;
        parts.push_back(value);
        if (dot == std::string_view::npos)
            break;
        text.remove_prefix(dot + 1);
        if (text.empty())
            return std::nullopt;
    }
    if (parts.empty() || parts.size() > 3)
        return std::nullopt;  // major.minor.patch at most
    parts.resize(3, 0);
    return parts;
}

/// True if the library path, once normalised, names a file inside the plugin's folder (not the
/// folder itself, as "." or "sub/.." would).
bool inside(const std::filesystem::path& folder, const std::filesystem::path& candidate) {
    const auto base = folder.lexically_normal();
    const auto target = candidate.lexically_normal();
    if (!target.has_filename() || target.filename() == "." || target.filename() == "..")
        return false;
    auto b = base.begin();
    auto t = target.begin();
    for (; b != base.end() && !b->empty(); ++b, ++t) {
        if (t == target.end() || *b != *t)
            return false;
    }
    return t != target.end();
}

}  // namespace

bool version_satisfies(std::string_view version, std::string_view range) {
    const auto have = parse_version(version);
    if (!have)
        throw Error("malformed version '" + std::string(version) + "'");
    std::string text(range);
    std::replace(text.begin(), text.end(), ',', ' ');
    std::istringstream constraints(text);
    std::string constraint;
    while (constraints >> constraint) {
        std::size_t op_length = 0;
        while (op_length < constraint.size() &&
               std::string_view("<>=").find(constraint[op_length]) != std::string_view::npos) {
            ++op_length;
        }
        const std::string op = constraint.substr(0, op_length);
        const auto want = parse_version(std::string_view(constraint).substr(op_length));
        if (!want || (op != ">=" && op != ">" && op != "<=" && op != "<" && op != "==")) {
            throw Error("malformed version constraint '" + constraint +
                        "' (use >=, >, <=, < or == and a version such as 0.1)");
        }
        const bool ok = op == ">="   ? *have >= *want
                        : op == ">"  ? *have > *want
                        : op == "<=" ? *have <= *want
                        : op == "<"  ? *have < *want
                                     : *have == *want;
        if (!ok)
            return false;
    }
    return true;
}

std::optional<PluginManifest> read_manifest(const std::filesystem::path& path, Diagnostics& out) {
    const std::size_t errors_before = out.size();
    auto document = read_json_file(path, out);
    if (!document)
        return std::nullopt;
    const std::string file = path.string();
    auto* root = document->if_object();
    if (root == nullptr) {
        out.push_back({Severity::error, file, "", 0, 0, "a manifest must be a JSON object"});
        return std::nullopt;
    }
    if (!upgrade_document(*root, kFamily, kCurrentVersion, upgrade_steps(), file, out)) {
        return std::nullopt;
    }

    PluginManifest manifest;
    manifest.path = path;
    FieldReader top(*root, Origin{file, ""}, out);
    manifest.id = top.id();
    manifest.version = top.text("version", Required::yes);
    manifest.licence = top.text("licence", Required::yes);
    manifest.description = top.text("description", Required::no);
    manifest.requires_core = top.text("requires_core", Required::no);
    if (!manifest.version.empty() && !parse_version(manifest.version)) {
        top.error("/version", "'version' must be a dotted number such as 1.0.0, not '" +
                                  manifest.version + "'");
    }
    if (!manifest.requires_core.empty()) {
        try {
            if (!version_satisfies(COACHKIT_VERSION_STRING, manifest.requires_core)) {
                top.error("/requires_core", "needs coachkit " + manifest.requires_core +
                                                "; this is coachkit " COACHKIT_VERSION_STRING);
            }
        } catch (const Error& e) {
            top.error("/requires_core", e.what());
        }
    }

    const std::string library = top.text("library", Required::no);
    // Absolute, so that "plugin.json" or "./plugin.json" has a real folder to stay inside.
    std::error_code absolute_error;
    const auto folder = std::filesystem::absolute(path, absolute_error).parent_path();
    if (!library.empty()) {
        const std::filesystem::path relative(library);
        if (relative.is_absolute() || !inside(folder, folder / relative)) {
            top.error("/library", "the library path '" + library +
                                      "' leaves the plugin's folder; give a path inside it");
        } else {
            manifest.library = (folder / relative).lexically_normal();
        }
    }

    const auto* provides = top.array("provides", Required::yes);
    if (provides != nullptr && provides->empty()) {
        top.error("/provides", "a plugin must provide at least one component");
    }
    std::set<std::pair<ComponentKind, std::string>> seen;
    for (std::size_t i = 0; provides != nullptr && i < provides->size(); ++i) {
        const Origin origin = top.child_origin("provides", i);
        const auto* entry = (*provides)[i].if_object();
        if (entry == nullptr) {
            out.push_back(
                {Severity::error, file, origin.pointer, 0, 0, "an entry must be a JSON object"});
            continue;
        }
        FieldReader r(*entry, origin, out);
        ProvidedComponent provided;
        provided.pointer = origin.pointer;
        auto& d = provided.descriptor;
        const std::string kind_text = r.text("kind", Required::yes);
        const auto kind = parse_component_kind(kind_text);
        if (!kind_text.empty() && !kind) {
            r.error("/kind", "unknown kind '" + kind_text +
                                 "' (known: workflow, evidence-source, rubric, coaching-guide)");
        }
        d.kind = kind.value_or(ComponentKind::workflow);
        d.id = r.id();
        d.display_name = r.text("name", Required::yes);
        d.summary = r.text("summary", Required::no);
        if (const auto* metadata = r.object("metadata", Required::no))
            d.metadata = *metadata;
        d.plugin_id = manifest.id;
        d.plugin_version = manifest.version;
        if (const auto* definition = r.object("definition", Required::no)) {
            provided.definition = *definition;
            if (manifest.is_compiled() || !library.empty()) {
                r.error("/definition",
                        "a compiled plugin's components are defined by its library; "
                        "remove 'definition' or 'library'");
            }
        } else if (library.empty()) {
            r.error("",
                    "missing required field 'definition' (a plugin without a 'library' is "
                    "data-only, so each component needs its definition)");
        }
        if (kind && !d.id.empty() && !seen.emplace(*kind, d.id).second) {
            r.error("/id", "duplicate " + std::string(to_string(*kind)) + " '" + d.id + "'");
        }
        manifest.provides.push_back(std::move(provided));
    }
    if (errors_since(out, errors_before))
        return std::nullopt;
    return manifest;
}

COACHKIT_NAMESPACE_END
