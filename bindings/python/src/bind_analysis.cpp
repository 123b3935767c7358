// The coaching profile and corpus scoring for Python.
#include "bindings.hpp"

namespace coachkit::python {

void bind_analysis(pybind11::module_& m) {
    (void)m;
}

}  // namespace coachkit::python
