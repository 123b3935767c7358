// The compiled half of the `coachkit` Python package. Users import `coachkit`, not this module.
#include "bindings.hpp"
#include "coachkit/version.hpp"

PYBIND11_MODULE(_coachkit, m) {
    m.doc() = "coachkit: mentoring and coaching in schools (compiled core)";
    m.attr("__version__") = coachkit::library_version();
    m.attr("ABI_MAJOR") = COACHKIT_ABI_MAJOR;
    m.attr("ABI_MINOR") = COACHKIT_ABI_MINOR;
    coachkit::python::bind_diagnostics(m);
    coachkit::python::bind_framework(m);
    coachkit::python::bind_plugin(m);
    coachkit::python::bind_programme(m);
    coachkit::python::bind_journal(m);
    coachkit::python::bind_evidence(m);
    coachkit::python::bind_engine(m);
    coachkit::python::bind_privacy(m);
    coachkit::python::bind_agreement(m);
    coachkit::python::bind_coder(m);
    coachkit::python::bind_analysis(m);
}
