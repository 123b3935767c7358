// One binding function per area, all called from the single PYBIND11_MODULE in module.cpp.
#pragma once

#include <pybind11/pybind11.h>

#include <boost/json/value.hpp>
#include <string>

namespace coachkit::python {

void bind_diagnostics(pybind11::module_& m);
void bind_framework(pybind11::module_& m);
void bind_plugin(pybind11::module_& m);
void bind_programme(pybind11::module_& m);
void bind_journal(pybind11::module_& m);  // after bind_diagnostics: its errors derive from Error
void bind_engine(pybind11::module_& m);   // after bind_programme and bind_journal

// Shared by the journal and engine bindings (defined in bind_journal.cpp).

/// A Python value (dict, list, tuple, str, int, float, bool, None) as JSON; anything else raises
/// TypeError naming the JSON pointer under `where` at which it was found.
boost::json::value from_python(const pybind11::handle& value, const std::string& where);
/// A time given from Python (None, an ISO 8601 string, or a datetime.datetime, naive ones taken
/// as UTC) as the journal writes it; None gives "" (meaning "now" to the engine).
std::string time_text(const pybind11::handle& value);

}  // namespace coachkit::python
