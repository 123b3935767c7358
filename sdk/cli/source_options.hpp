// The options every verb that reads a transcript or record takes: --speaker NAME=ROLE,
// --option KEY=VALUE and --codes FILE, built into the evidence source's options object.
#pragma once

#include <CLI/CLI.hpp>
#include <boost/json/object.hpp>
#include <string>
#include <vector>

namespace coachkit::cli {

/// What a source is told beyond the bytes: --speaker NAME=ROLE, --option KEY=VALUE, --codes FILE.
struct SourceOptions {
    std::vector<std::string> speakers;
    std::vector<std::string> options;
    std::string codes_file;

    void add_to(CLI::App& command, bool with_codes) {
        command.add_option("--speaker", speakers,
                           "map a transcript speaker to a role, NAME=ROLE (repeatable)");
        command.add_option("--option", options,
                           "an option for the evidence source, KEY=VALUE; VALUE is read as JSON "
                           "when it parses, else as text (repeatable)");
        if (with_codes)
            command.add_option("--codes", codes_file,
                               "a coaching transcript's turn codes (coachkit.turn-codes/1 JSON)");
    }

    /// The options object; a malformed pair or an unreadable --codes file throws (naming it).
    [[nodiscard]] boost::json::object build() const;
};

}  // namespace coachkit::cli
