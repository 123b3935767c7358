// `coachkit demo`: the main job of `make demo`. For now it shows the framework (the three modes
// compared, one theme followed around them) and writes the Markdown reference. Later issues grow it
// into a full programme run.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "coachkit/framework/framework.hpp"
#include "commands.hpp"
#include "framework_printing.hpp"

namespace coachkit::cli {

void add_demo_command(CLI::App& app, Dispatch& dispatch) {
    auto* demo = app.add_subcommand("demo", "a tour of coachkit on the built-in CUREE framework");
    auto output_dir = std::make_shared<std::string>("coachkit-demo");
    demo->add_option("--output-dir", *output_dir, "where to write the demo's files")->capture_default_str();
    demo->callback([&dispatch, output_dir] {
        dispatch.action = [output_dir] {
            const Framework& fw = Framework::curee();
            std::cout << "coachkit demo: " << fw.info().name << "\n\n";
            std::vector<std::string> all_modes;
            for (const auto& mode : fw.modes()) all_modes.push_back(mode.id);
            print_comparison(std::cout, fw, fw.compare(all_modes));
            std::cout << '\n';
            print_theme(std::cout, fw, fw.follow_theme(1));

            const std::filesystem::path dir(*output_dir);
            std::filesystem::create_directories(dir);
            const auto reference = dir / "curee-framework.md";
            std::ofstream out(reference, std::ios::binary);
            out << fw.to_markdown();
            if (!out.flush()) throw Error("cannot write '" + reference.string() + "'");
            std::cout << "\nThe framework reference (Markdown) is in " << reference.string() << '\n';
            return 0;
        };
    });
}

}  // namespace coachkit::cli
