// `coachkit framework show|compare|theme|export|validate`
#include <algorithm>
#include <boost/json/serialize.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "coachkit/framework/framework.hpp"
#include "coachkit/json/document.hpp"
#include "commands.hpp"
#include "framework_printing.hpp"
#include "programme_support.hpp"

namespace coachkit::cli {

namespace {

/// The framework a command works on: a school's pack given with --pack, else the built-in CUREE.
struct PackOption {
    std::string path;
    void add_to(CLI::App& command) {
        // Not CLI::ExistingFile: a missing pack is bad input (exit 1, reported like any other
        // pack problem), not a malformed command line (exit 2).
        command.add_option("--pack", path,
                           "use this model pack (JSON) instead of the built-in CUREE framework");
    }
    [[nodiscard]] Framework load() const {
        return path.empty() ? Framework::curee() : load_pack(path);
    }
};

}  // namespace

void add_framework_commands(CLI::App& app, Dispatch& dispatch) {
    auto* framework =
        app.add_subcommand("framework", "explore the mentoring and coaching framework");
    framework->require_subcommand(1);

    {
        auto* show =
            framework->add_subcommand("show", "principles, modes and themes, or one mode in full");
        auto pack = std::make_shared<PackOption>();
        auto mode = std::make_shared<std::string>();
        show->add_option("--mode", *mode, "show this mode in full (e.g. specialist-coaching)");
        pack->add_to(*show);
        show->callback([&dispatch, pack, mode] {
            dispatch.action = [pack, mode] {
                const Framework fw = pack->load();
                if (mode->empty()) {
                    print_overview(std::cout, fw);
                } else {
                    print_mode(std::cout, fw, fw.mode(*mode));
                }
                return 0;
            };
        });
    }
    {
        auto* compare = framework->add_subcommand(
            "compare", "compare two or three modes: shared and unique skills, activities by theme");
        auto pack = std::make_shared<PackOption>();
        auto modes = std::make_shared<std::vector<std::string>>();
        compare->add_option("modes", *modes, "the modes to compare (two or more mode ids)")
            ->required()
            ->expected(2, -1);
        pack->add_to(*compare);
        compare->callback([&dispatch, pack, modes] {
            dispatch.action = [pack, modes] {
                const Framework fw = pack->load();
                print_comparison(std::cout, fw, fw.compare(*modes));
                return 0;
            };
        });
    }
    {
        auto* theme = framework->add_subcommand("theme", "follow one theme around the modes");
        auto pack = std::make_shared<PackOption>();
        auto number = std::make_shared<int>(0);
        theme->add_option("number", *number, "the theme's number (1 is setting learning goals)")
            ->required();
        pack->add_to(*theme);
        theme->callback([&dispatch, pack, number] {
            dispatch.action = [pack, number] {
                const Framework fw = pack->load();
                print_theme(std::cout, fw, fw.follow_theme(*number));
                return 0;
            };
        });
    }
    {
        auto* exp = framework->add_subcommand(
            "export", "write the framework as a JSON pack or a Markdown reference");
        auto pack = std::make_shared<PackOption>();
        auto format = std::make_shared<std::string>("json");
        auto output = std::make_shared<std::string>();
        exp->add_option("--format", *format, "json or markdown")
            ->check(CLI::IsMember({"json", "markdown"}))
            ->capture_default_str();
        exp->add_option("-o,--output", *output, "write to this file instead of standard output");
        pack->add_to(*exp);
        exp->callback([&dispatch, pack, format, output] {
            dispatch.action = [pack, format, output] {
                const Framework fw = pack->load();
                write_output(*format == "markdown" ? fw.to_markdown()
                                                   : boost::json::serialize(fw.to_json()) + "\n",
                             *output);
                return 0;
            };
        });
    }
    {
        auto* validate = framework->add_subcommand(
            "validate", "check a model pack and list every problem with its place");
        auto path = std::make_shared<std::string>();
        validate->add_option("pack", *path, "the pack file (JSON)")->required();
        validate->callback([&dispatch, path] {
            dispatch.action = [path] {
                const Diagnostics problems = validate_pack(*path);
                for (const auto& d : problems)
                    std::cerr << d.to_string() << '\n';
                if (has_errors(problems)) {
                    const auto errors = static_cast<std::size_t>(std::count_if(
                        problems.begin(), problems.end(),
                        [](const Diagnostic& d) { return d.severity == Severity::error; }));
                    const std::size_t warnings = problems.size() - errors;
                    std::cerr << *path << ": invalid (" << errors << " error"
                              << (errors == 1 ? "" : "s");
                    if (warnings > 0)
                        std::cerr << ", " << warnings << " warning" << (warnings == 1 ? "" : "s");
                    std::cerr << ")\n";
                    return 1;
                }
                const Framework fw = load_pack(*path);
                std::cout << *path << ": valid pack '" << fw.info().id << "' ("
                          << fw.principles().size() << " principles, " << fw.modes().size()
                          << " modes, " << fw.skills().size() << " skills, "
                          << fw.activities().size() << " activities)\n";
                return 0;
            };
        });
    }
}

}  // namespace coachkit::cli
