// Inter-rater agreement statistics for Python.
#include "bindings.hpp"

namespace coachkit::python {

void bind_agreement(pybind11::module_& m) {
    (void)m;
}

}  // namespace coachkit::python
