// Diagnostics and exceptions: coachkit.Error, coachkit.NotFoundError (also a LookupError) and
// coachkit.InvalidDocumentError, which carries the structured list in `.diagnostics`.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "coachkit/diagnostics/diagnostic.hpp"

namespace py = pybind11;

namespace coachkit::python {

namespace {

py::object new_exception(py::module_& m, const char* name, py::tuple bases, const char* doc) {
    const std::string qualified = std::string("coachkit.") + name;
    PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), nullptr);
    if (type == nullptr)
        throw py::error_already_set();
    py::object object = py::reinterpret_steal<py::object>(type);
    m.attr(name) = object;
    return object;
}

}  // namespace

void bind_diagnostics(py::module_& m) {
    py::enum_<Severity>(m, "Severity")
        .value("error", Severity::error)
        .value("warning", Severity::warning);

    py::class_<Diagnostic>(m, "Diagnostic", "One problem in one input, with its file and place.")
        .def_readonly("severity", &Diagnostic::severity)
        .def_readonly("file", &Diagnostic::file)
        .def_readonly("pointer", &Diagnostic::pointer, "JSON pointer of the problem ('' if none)")
        .def_readonly("line", &Diagnostic::line, "1-based line of a syntax error (0 if none)")
        .def_readonly("column", &Diagnostic::column)
        .def_readonly("message", &Diagnostic::message)
        .def("__str__", &Diagnostic::to_string)
        .def("__repr__", [](const Diagnostic& d) { return "<Diagnostic " + d.to_string() + ">"; });

    // Handles the translator below can reach. Deliberately never released: a py::object destroyed
    // after the interpreter has finalised would decrement a dead reference.
    static py::handle error =
        new_exception(m, "Error",
                      py::make_tuple(py::reinterpret_borrow<py::object>(PyExc_RuntimeError)),
                      "Base of every error coachkit raises on purpose.")
            .release();
    static py::handle not_found =
        new_exception(m, "NotFoundError",
                      py::make_tuple(py::reinterpret_borrow<py::object>(error),
                                     py::reinterpret_borrow<py::object>(PyExc_LookupError)),
                      "A lookup by id found nothing; the message lists what is known.")
            .release();
    static py::handle invalid =
        new_exception(
            m, "InvalidDocumentError", py::make_tuple(error),
            "A document (model pack, manifest…) was rejected; .diagnostics lists every problem.")
            .release();

    py::register_exception_translator([](std::exception_ptr thrown) {
        try {
            if (thrown)
                std::rethrow_exception(thrown);
        } catch (const InvalidDocumentError& e) {
            py::object instance = invalid(e.what());
            instance.attr("diagnostics") = py::cast(e.diagnostics());
            PyErr_SetObject(invalid.ptr(), instance.ptr());
        } catch (const NotFoundError& e) {
            PyErr_SetString(not_found.ptr(), e.what());
        } catch (const Error& e) {
            PyErr_SetString(error.ptr(), e.what());
        }
    });
}

}  // namespace coachkit::python
