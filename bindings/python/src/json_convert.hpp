// Boost.JSON values to Python objects (dict, list, str, int, float, bool, None).
#pragma once

#include <pybind11/pybind11.h>

#include <boost/json/value.hpp>

namespace coachkit::python {

pybind11::object to_python(const boost::json::value& value);

}  // namespace coachkit::python
