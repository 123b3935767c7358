// Building an evidence source's options from the command line.
#include "source_options.hpp"

#include <boost/json.hpp>

#include "coachkit/diagnostics/diagnostic.hpp"
#include "coachkit/json/document.hpp"
#include "programme_support.hpp"

namespace coachkit::cli {

boost::json::object SourceOptions::build() const {
    boost::json::object out;
    for (const auto& option : options) {
        const auto eq = option.find('=');
        if (eq == std::string::npos || eq == 0)
            throw Error("--option '" + option + "': expected KEY=VALUE");
        const std::string value = option.substr(eq + 1);
        boost::system::error_code ec;
        boost::json::value parsed = boost::json::parse(value, ec);
        out[option.substr(0, eq)] = ec ? boost::json::value(value) : std::move(parsed);
    }
    if (!speakers.empty()) {
        boost::json::object map;
        for (const auto& pair : speakers) {
            const auto eq = pair.rfind('=');
            if (eq == std::string::npos || eq == 0 || eq + 1 == pair.size())
                throw Error("--speaker '" + pair + "': expected NAME=ROLE");
            map[pair.substr(0, eq)] = pair.substr(eq + 1);
        }
        out["speakers"] = std::move(map);
    }
    if (!codes_file.empty()) {
        Diagnostics problems;
        auto codes = parse_json(read_text_file(codes_file), codes_file, problems);
        if (!codes)
            throw InvalidDocumentError(std::move(problems));
        out["codes"] = std::move(*codes);
    }
    return out;
}

}  // namespace coachkit::cli
