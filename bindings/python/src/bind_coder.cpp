// The heuristic coder of coaching talk for Python.
#include "bindings.hpp"

namespace coachkit::python {

void bind_coder(pybind11::module_& m) {
    (void)m;
}

}  // namespace coachkit::python
