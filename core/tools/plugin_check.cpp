// coachkit-plugin-check: opens one compiled plugin in this process and reports what happened, so
// that validate_plugin() can run it as a separate program. A plugin that crashes, hangs or spoils
// the process takes only this program with it.
//
// Usage: coachkit-plugin-check MANIFEST
// Output (stdout): one JSON object per line for each problem, then {"result": "ok"|"invalid"}.
#include <boost/json/serialize.hpp>
#include <iostream>

#include "coachkit/plugin/validate.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: coachkit-plugin-check MANIFEST\n";
        return 2;
    }
    const coachkit::PluginCheck check =
        coachkit::validate_plugin(argv[1], coachkit::Isolation::in_process);
    for (const auto& d : check.problems) {
        const boost::json::object line{
            {"severity", d.severity == coachkit::Severity::error ? "error" : "warning"},
            {"file", d.file},
            {"pointer", d.pointer},
            {"line", d.line},
            {"column", d.column},
            {"message", d.message}};
        std::cout << boost::json::serialize(line) << '\n';
    }
    std::cout << boost::json::serialize(
                     boost::json::object{{"result", check.ok() ? "ok" : "invalid"}})
              << '\n';
    std::cout.flush();
    return check.ok() ? 0 : 1;
}
