// One binding function per area, all called from the single PYBIND11_MODULE in module.cpp.
#pragma once

#include <pybind11/pybind11.h>

namespace coachkit::python {

void bind_diagnostics(pybind11::module_& m);
void bind_framework(pybind11::module_& m);
void bind_plugin(pybind11::module_& m);
void bind_programme(pybind11::module_& m);

}  // namespace coachkit::python
