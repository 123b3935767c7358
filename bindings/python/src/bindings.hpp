// One binding function per area, all called from the single PYBIND11_MODULE in module.cpp.
#pragma once

#include <pybind11/pybind11.h>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <memory>
#include <string>

#include "coachkit/evidence/byte_source.hpp"

namespace coachkit::python {

void bind_diagnostics(pybind11::module_& m);
void bind_framework(pybind11::module_& m);
void bind_plugin(pybind11::module_& m);
void bind_programme(pybind11::module_& m);
void bind_journal(pybind11::module_& m);    // after bind_diagnostics: its errors derive from Error
void bind_evidence(pybind11::module_& m);   // after bind_plugin and bind_diagnostics
void bind_engine(pybind11::module_& m);     // after bind_programme, bind_journal, bind_evidence
void bind_privacy(pybind11::module_& m);    // after bind_engine: adds engine and store methods
void bind_agreement(pybind11::module_& m);  // inter-rater agreement statistics
void bind_coder(pybind11::module_& m);      // the heuristic coder of coaching talk
void bind_analysis(pybind11::module_& m);   // after bind_plugin: profile, corpus scoring

// Shared by the journal and engine bindings (defined in bind_journal.cpp).

/// A Python value (dict, list, tuple, str, int, float, bool, None) as JSON; anything else raises
/// TypeError naming the JSON pointer under `where` at which it was found.
boost::json::value from_python(const pybind11::handle& value, const std::string& where);
/// A time given from Python (None, an ISO 8601 string, or a datetime.datetime, naive ones taken
/// as UTC) as the journal writes it; None gives "" (meaning "now" to the engine).
std::string time_text(const pybind11::handle& value);

// Shared by the evidence and engine bindings (defined in bind_evidence.cpp).

/// Options from Python (a dict or None) as a JSON object; TypeError otherwise.
boost::json::object options_object(const pybind11::object& options);
/// The input as a ByteSource: a path (read in chunks) or bytes or str (copied into `held`, which
/// must outlive the source); exactly one of the two.
std::unique_ptr<ByteSource> byte_source(const pybind11::object& path, const pybind11::object& data,
                                        std::string& held, const std::string& name);

}  // namespace coachkit::python
