// `coachkit plugins list|info|validate`
#include <boost/json/serialize.hpp>
#include <iostream>
#include <memory>

#include "coachkit/json/document.hpp"
#include "coachkit/plugin/describe.hpp"
#include "coachkit/plugin/registry.hpp"
#include "coachkit/plugin/validate.hpp"
#include "commands.hpp"
#include "text_table.hpp"

namespace coachkit::cli {

namespace {

/// The registry a command works on: the default search path plus any --plugin-path folders
/// (searched first, like COACHKIT_PLUGIN_PATH).
struct RegistryOptions {
    std::vector<std::string> extra;
    void add_to(CLI::App& command) {
        command.add_option("--plugin-path", extra, "also search this folder for plugins (first)");
    }
    [[nodiscard]] std::unique_ptr<Registry> discover() const {
        auto registry = std::make_unique<Registry>();
        std::vector<std::filesystem::path> folders(extra.begin(), extra.end());
        for (auto& folder : Registry::default_search_path())
            folders.push_back(std::move(folder));
        registry->discover(folders);
        return registry;
    }
};

void print_problems(const Diagnostics& problems) {
    for (const auto& d : problems)
        std::cerr << d.to_string() << '\n';
}

std::string components_text(const PluginSummary& plugin) {
    std::string text;
    for (const auto& c : plugin.provides) {
        if (!text.empty())
            text += ", ";
        text += std::string(to_string(c.kind)) + " " + c.id;
    }
    return text;
}

}  // namespace

void add_plugin_commands(CLI::App& app, Dispatch& dispatch) {
    auto* plugins = app.add_subcommand("plugins", "list, inspect and validate plugins");
    plugins->require_subcommand(1);
    {
        auto* list =
            plugins->add_subcommand("list", "every discovered plugin and what it provides");
        auto options = std::make_shared<RegistryOptions>();
        auto kind = std::make_shared<std::string>();
        options->add_to(*list);
        list->add_option("--kind", *kind, "only components of this kind")
            ->check(CLI::IsMember({"workflow", "evidence-source", "rubric", "coaching-guide"}));
        list->callback([&dispatch, options, kind] {
            dispatch.action = [options, kind] {
                const auto registry = options->discover();
                if (kind->empty()) {
                    TextTable table({"plugin", "version", "type", "provides", "where"});
                    for (const auto& p : registry->plugins()) {
                        table.add_row({p.id, p.version, std::string(to_string(p.type)),
                                       components_text(p), p.manifest.parent_path().string()});
                    }
                    table.print(std::cout, terminal_width());
                } else {
                    TextTable table({"id", "name", "plugin", "summary"});
                    for (const auto& c : registry->components(parse_component_kind(*kind))) {
                        table.add_row({c.id, c.display_name, c.plugin_id, c.summary});
                    }
                    table.print(std::cout, terminal_width());
                }
                print_problems(registry->problems());
                return 0;
            };
        });
    }
    {
        auto* info = plugins->add_subcommand("info", "one plugin in full (without loading it)");
        auto options = std::make_shared<RegistryOptions>();
        auto id = std::make_shared<std::string>();
        info->add_option("id", *id, "the plugin's id")->required();
        options->add_to(*info);
        info->callback([&dispatch, options, id] {
            dispatch.action = [options, id] {
                const auto registry = options->discover();
                const auto plugin = registry->plugin(*id);
                if (!plugin) {
                    print_problems(registry->problems());  // why a plugin may have been refused
                    std::string known;
                    for (const auto& p : registry->plugins())
                        known += (known.empty() ? "" : ", ") + p.id;
                    throw NotFoundError("unknown plugin '" + *id +
                                        "' (known: " + (known.empty() ? "none" : known) + ")");
                }
                std::cout << plugin->id << " " << plugin->version << " (" << to_string(plugin->type)
                          << " plugin, licence " << plugin->licence << ")\n";
                if (!plugin->description.empty())
                    std::cout << plugin->description << '\n';
                std::cout << "manifest: " << plugin->manifest.string() << '\n';
                if (!plugin->library.empty()) {
                    std::cout << "library:  " << plugin->library.string()
                              << (plugin->loaded ? " (loaded)" : " (not loaded)") << '\n';
                }
                std::cout << '\n';
                TextTable table({"kind", "id", "name", "metadata"});
                for (const auto& c : plugin->provides) {
                    table.add_row({std::string(to_string(c.kind)), c.id, c.display_name,
                                   c.metadata.empty() ? "" : boost::json::serialize(c.metadata)});
                }
                table.print(std::cout, terminal_width());
                return 0;
            };
        });
    }
    {
        auto* show = plugins->add_subcommand(
            "show", "create one component and print what it contains (JSON)");
        auto options = std::make_shared<RegistryOptions>();
        auto kind = std::make_shared<std::string>();
        auto id = std::make_shared<std::string>();
        show->add_option("kind", *kind, "workflow, evidence-source, rubric or coaching-guide")
            ->required()
            ->check(CLI::IsMember({"workflow", "evidence-source", "rubric", "coaching-guide"}));
        show->add_option("id", *id, "the component's id")->required();
        options->add_to(*show);
        show->callback([&dispatch, options, kind, id] {
            dispatch.action = [options, kind, id] {
                const auto registry = options->discover();
                if (!registry->find(*parse_component_kind(*kind), *id))
                    print_problems(registry->problems());
                const auto component = registry->create(*parse_component_kind(*kind), *id);
                std::cout << to_pretty_json(describe_component(*component));
                return 0;
            };
        });
    }
    {
        auto* validate = plugins->add_subcommand(
            "validate",
            "check a plugin folder or manifest; a compiled plugin is opened in a child process");
        auto path = std::make_shared<std::string>();
        validate->add_option("path", *path, "the plugin's folder or its plugin.json")->required();
        validate->callback([&dispatch, path] {
            dispatch.action = [path] {
                const PluginCheck check = validate_plugin(*path);
                print_problems(check.problems);
                if (!check.ok()) {
                    std::cerr << *path << ": invalid plugin\n";
                    return 1;
                }
                std::cout << *path << ": valid " << to_string(check.plugin->type) << " plugin '"
                          << check.plugin->id << "' " << check.plugin->version << " ("
                          << components_text(*check.plugin) << ")\n";
                return 0;
            };
        });
    }
}

}  // namespace coachkit::cli
