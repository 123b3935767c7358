// `coachkit demo`: the main job of `make demo`. For now it shows the framework (the three modes
// compared, one theme followed around them), the built-in plugins and one of them at work, and
// writes the Markdown reference. Later issues grow it into a full programme run.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "coachkit/framework/framework.hpp"
#include "coachkit/plugin/registry.hpp"
#include "commands.hpp"
#include "framework_printing.hpp"
#include "text_table.hpp"

namespace coachkit::cli {

void add_demo_command(CLI::App& app, Dispatch& dispatch) {
    auto* demo = app.add_subcommand("demo", "a tour of coachkit on the built-in CUREE framework");
    auto output_dir = std::make_shared<std::string>("coachkit-demo");
    demo->add_option("--output-dir", *output_dir, "where to write the demo's files")
        ->capture_default_str();
    demo->callback([&dispatch, output_dir] {
        dispatch.action = [output_dir] {
            const Framework& fw = Framework::curee();
            std::cout << "coachkit demo: " << fw.info().name << "\n\n";
            std::vector<std::string> all_modes;
            for (const auto& mode : fw.modes())
                all_modes.push_back(mode.id);
            print_comparison(std::cout, fw, fw.compare(all_modes));
            std::cout << '\n';
            print_theme(std::cout, fw, fw.follow_theme(1));

            // Everything a school changes arrives as a plugin; the built-ins are plugins like any
            // other.
            std::cout
                << "\nBuilt-in plugins (found beside the library, as a school's would be)\n\n";
            Registry registry;
            registry.discover_default();
            TextTable components({"kind", "id", "name", "plugin"});
            for (const auto& c : registry.components()) {
                components.add_row(
                    {std::string(to_string(c.kind)), c.id, c.display_name, c.plugin_id});
            }
            components.print(std::cout, terminal_width());
            const auto guide = registry.create<CoachingGuide>("curee-question-phases");
            std::cout << "\nThe phases of a coaching conversation (coaching guide "
                         "'curee-question-phases')\n\n";
            TextTable phases({"phase", "an example prompt"});
            for (const auto& phase : guide->phases()) {
                phases.add_row({phase.name + (phase.any_time ? " (any time)" : ""),
                                phase.prompts.empty() ? "" : phase.prompts.front()});
            }
            phases.print(std::cout, terminal_width());

            const std::filesystem::path dir(*output_dir);
            std::filesystem::create_directories(dir);
            const auto reference = dir / "curee-framework.md";
            std::ofstream out(reference, std::ios::binary);
            out << fw.to_markdown();
            if (!out.flush())
                throw Error("cannot write '" + reference.string() + "'");
            std::cout << "\nThe framework reference (Markdown) is in " << reference.string()
                      << '\n';
            return 0;
        };
    });
}

}  // namespace coachkit::cli
