// The journal area: events, event stores (memory, SQLite, or one written in Python), journal
// times, and coachkit.StoreError / coachkit.ConcurrencyError. Reading and appending release the
// GIL: a store written in C++ never calls back into Python, and one written in Python takes the
// GIL back itself.
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <cmath>
#include <limits>

#include "bindings.hpp"
#include "coachkit/journal/store.hpp"
#include "coachkit/journal/time.hpp"
#include "json_convert.hpp"

namespace py = pybind11;

namespace coachkit::python {

namespace {

/// An event store written in Python: subclass coachkit.EventStore and implement append(events,
/// expected_last), read(after, limit) and last_sequence(). The overrides take the GIL themselves.
class PyEventStore : public EventStore {
public:
    std::vector<Event> append(std::vector<Event> events,
                              std::optional<std::int64_t> expected_last) override {
        PYBIND11_OVERRIDE_PURE(std::vector<Event>, EventStore, append, std::move(events),
                               expected_last);
    }
    [[nodiscard]] std::vector<Event> read(std::int64_t after,
                                          std::optional<std::size_t> limit) const override {
        PYBIND11_OVERRIDE_PURE(std::vector<Event>, EventStore, read, after, limit);
    }
    [[nodiscard]] std::int64_t last_sequence() const override {
        PYBIND11_OVERRIDE_PURE(std::int64_t, EventStore, last_sequence, );
    }
    /// Erasure needs the subclass's own erase(rewrites, tombstone, expected_last), rewrites given
    /// as a list of (sequence, data dict); a store without one refuses erasure.
    Event erase(std::vector<DataRewrite> rewrites, Event tombstone,
                std::optional<std::int64_t> expected_last) override {
        py::gil_scoped_acquire gil;
        const py::function override =
            py::get_override(static_cast<const EventStore*>(this), "erase");
        if (!override)
            throw StoreError(
                "this store, written in Python, cannot erase: implement erase(rewrites, "
                "tombstone, expected_last) to support erasure (docs/privacy.md)");
        py::list changes;
        for (const auto& r : rewrites)
            changes.append(py::make_tuple(r.sequence, to_python(r.data)));
        return override(changes, std::move(tombstone), expected_last).cast<Event>();
    }
    /// A store written in Python keeps its audit log in memory, beside it.
    [[nodiscard]] AuditLog& audit() override { return *audit_; }
    [[nodiscard]] const AuditLog& audit() const override { return *audit_; }

private:
    std::unique_ptr<AuditLog> audit_ = make_memory_audit_log();
};

std::string join_pointer(const std::string& where, const std::string& token) {
    std::string escaped;
    for (const char c : token) {
        if (c == '~')
            escaped += "~0";
        else if (c == '/')
            escaped += "~1";
        else
            escaped += c;
    }
    return where + "/" + escaped;
}

[[noreturn]] void not_json(const std::string& where, const py::handle& value,
                           const std::string& why) {
    const std::string type = py::str(py::type::handle_of(value).attr("__name__"));
    throw py::type_error("not JSON at '" + (where.empty() ? std::string("/") : where) +
                         "': " + type + " " + why);
}

boost::json::value convert(const py::handle& value, const std::string& where, int depth) {
    if (depth > 200)
        not_json(where, value, "nests too deeply");
    if (value.is_none())
        return nullptr;
    if (py::isinstance<py::bool_>(value))
        return value.cast<bool>();
    if (py::isinstance<py::int_>(value)) {
        try {
            return value.cast<std::int64_t>();
        } catch (const py::cast_error&) {
            try {
                return value.cast<std::uint64_t>();
            } catch (const py::cast_error&) {
                not_json(where, value, "is out of the range a JSON number can carry exactly");
            }
        }
    }
    if (py::isinstance<py::float_>(value)) {
        const double number = value.cast<double>();
        if (!std::isfinite(number))
            not_json(where, value, "is not finite (NaN and infinity are not JSON)");
        return number;
    }
    if (py::isinstance<py::str>(value))
        return boost::json::string(value.cast<std::string>());
    if (py::isinstance<py::dict>(value)) {
        boost::json::object object;
        for (const auto& [key, item] : value.cast<py::dict>()) {
            if (!py::isinstance<py::str>(key))
                not_json(where, key, "is not a string, and object keys must be");
            const std::string name = key.cast<std::string>();
            object[name] = convert(item, join_pointer(where, name), depth + 1);
        }
        return object;
    }
    if (py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value)) {
        boost::json::array array;
        std::size_t index = 0;
        for (const auto& item : value) {
            array.push_back(convert(item, join_pointer(where, std::to_string(index)), depth + 1));
            ++index;
        }
        return array;
    }
    not_json(where, value, "cannot be written as JSON");
}

Event make_event(std::string type, const py::object& at, std::string actor, std::string programme,
                 std::string partnership, std::string cycle, const py::object& data) {
    Event e;
    e.type = std::move(type);
    e.at = at.is_none() ? utc_now() : time_text(at);
    e.actor = std::move(actor);
    e.programme = std::move(programme);
    e.partnership = std::move(partnership);
    e.cycle = std::move(cycle);
    if (!data.is_none()) {
        auto value = from_python(data, "data");
        if (!value.is_object())
            throw py::type_error("an event's data must be a dict");
        e.data = std::move(value.as_object());
    }
    return e;
}

Event event_from_document(const py::handle& document, const std::string& origin) {
    const boost::json::value value = from_python(document, "");
    Diagnostics problems;
    auto event = event_from_json(value, origin, "", problems);
    if (!event || has_errors(problems))
        throw InvalidDocumentError(std::move(problems));
    return std::move(*event);
}

std::string event_repr(const Event& e) {
    std::string text = "<Event " + std::to_string(e.sequence) + " " + e.type + " at " + e.at +
                       " by '" + e.actor + "'";
    if (!e.cycle.empty())
        text += " cycle '" + e.cycle + "'";
    else if (!e.partnership.empty())
        text += " partnership '" + e.partnership + "'";
    return text + ">";
}

}  // namespace

boost::json::value from_python(const py::handle& value, const std::string& where) {
    return convert(value, where.empty() || where.front() == '/' ? where : "/" + where, 0);
}

std::string time_text(const py::handle& value) {
    if (value.is_none())
        return {};
    if (py::isinstance<py::str>(value))
        return value.cast<std::string>();
    const py::module_ datetime = py::module_::import("datetime");
    if (!py::isinstance(value, datetime.attr("datetime")))
        throw py::type_error("a time must be an ISO 8601 UTC string or a datetime.datetime");
    const py::object utc = datetime.attr("timezone").attr("utc");
    py::object when = py::reinterpret_borrow<py::object>(value);
    if (when.attr("tzinfo").is_none())
        when = when.attr("replace")(py::arg("tzinfo") = utc);  // naive: taken as UTC
    return when.attr("astimezone")(utc).attr("strftime")("%Y-%m-%dT%H:%M:%SZ").cast<std::string>();
}

void bind_journal(py::module_& m) {
    py::class_<Event>(m, "Event",
                      "One change to a programme, as the journal records it "
                      "(a `coachkit.event/1` document).")
        .def(py::init(&make_event), py::arg("type"), py::kw_only(), py::arg("at") = py::none(),
             py::arg("actor") = "system", py::arg("programme") = "", py::arg("partnership") = "",
             py::arg("cycle") = "", py::arg("data") = py::none(),
             "A new event (not yet appended: its sequence is 0). `at` defaults to now.")
        .def_readwrite("sequence", &Event::sequence,
                       "position in the journal (1, 2, 3…), set by the store on append; 0 "
                       "until then")
        .def_readwrite("type", &Event::type)
        .def_readwrite("at", &Event::at)
        .def_readwrite("actor", &Event::actor)
        .def_readwrite("programme", &Event::programme)
        .def_readwrite("partnership", &Event::partnership)
        .def_readwrite("cycle", &Event::cycle)
        .def_property(
            "data", [](const Event& e) { return to_python(e.data); },
            [](Event& e, const py::object& data) {
                auto value = from_python(data, "data");
                if (!value.is_object())
                    throw py::type_error("an event's data must be a dict");
                e.data = std::move(value.as_object());
            },
            "the event's own facts, as a dict (a copy: assign to change it)")
        .def(
            "to_json", [](const Event& e) { return to_python(to_json(e)); },
            "the event as a `coachkit.event/1` document (a dict)")
        .def_static("from_json", &event_from_document, py::arg("document"),
                    py::arg("origin") = "<dict>",
                    "Read a `coachkit.event/1` document (a dict); raises InvalidDocumentError "
                    "naming each problem's JSON pointer.")
        .def("__eq__",
             [](const Event& a, const py::object& b) -> py::object {
                 if (!py::isinstance<Event>(b))
                     return py::reinterpret_borrow<py::object>(Py_NotImplemented);
                 return py::bool_(to_json(a) == to_json(b.cast<const Event&>()));
             })
        .def("__repr__", &event_repr);

    py::class_<EventStore, PyEventStore>(
        m, "EventStore",
        "An append-only journal of events. Get one from memory_store() or sqlite_store(path), or "
        "subclass this to supply your own (implement append, read and last_sequence).")
        .def(py::init<>())
        .def("append", &EventStore::append, py::arg("events"),
             py::arg("expected_last") = py::none(), py::call_guard<py::gil_scoped_release>(),
             "Append all the events or none (one transaction) and return them with their "
             "sequences. With expected_last, raise ConcurrencyError unless the journal ends "
             "there.")
        .def("read", &EventStore::read, py::arg("after") = 0, py::arg("limit") = py::none(),
             py::call_guard<py::gil_scoped_release>(),
             "Events with sequence > after, in order (at most `limit`).")
        .def("last_sequence", &EventStore::last_sequence, py::call_guard<py::gil_scoped_release>(),
             "the last sequence appended (0: empty)");

    m.def("memory_store", &make_memory_store, "A journal in memory, for tests and trials.");
    m.def("sqlite_store", &open_sqlite_store, py::arg("path"),
          py::call_guard<py::gil_scoped_release>(),
          "Open (or create) a SQLite journal. Raises StoreError naming the file if it is not a "
          "coachkit store, is corrupt, or was written by a newer coachkit.");

    m.def("utc_now", &utc_now, "The current time as the journal writes it: 2026-11-22T14:05:00Z.");
    m.def("utc_time_problem", &utc_time_problem, py::arg("text"),
          "'' if `text` is a valid journal time (YYYY-MM-DDTHH:MM:SSZ), otherwise the reason.");
    m.def(
        "parse_utc_time",
        [](const std::string& text) -> py::object {
            const auto time = parse_utc_time(text);
            if (!time)
                return py::none();
            const py::module_ datetime = py::module_::import("datetime");
            return datetime.attr("datetime")
                .attr("fromtimestamp")(time->time_since_epoch().count(),
                                       datetime.attr("timezone").attr("utc"));
        },
        py::arg("text"), "The journal time as an aware datetime in UTC, or None if it is not one.");
    m.def("format_utc_time", &time_text, py::arg("time"),
          "A datetime (naive ones are taken as UTC) as the journal writes times.");

    static py::handle store_error = [&m] {
        const py::object base = m.attr("Error");
        PyObject* type = PyErr_NewExceptionWithDoc(
            "coachkit.StoreError",
            "A journal could not be opened, read or written; the message names the file.",
            py::make_tuple(base).ptr(), nullptr);
        if (type == nullptr)
            throw py::error_already_set();
        m.attr("StoreError") = py::reinterpret_borrow<py::object>(type);
        return py::handle(type);
    }();
    static py::handle concurrency_error = [&m] {
        PyObject* type = PyErr_NewExceptionWithDoc(
            "coachkit.ConcurrencyError",
            "Another writer appended first; nothing was written. Reload and try again.",
            py::make_tuple(store_error).ptr(), nullptr);
        if (type == nullptr)
            throw py::error_already_set();
        m.attr("ConcurrencyError") = py::reinterpret_borrow<py::object>(type);
        return py::handle(type);
    }();
    py::register_exception_translator([](std::exception_ptr thrown) {
        try {
            if (thrown)
                std::rethrow_exception(thrown);
        } catch (const ConcurrencyError& e) {
            PyErr_SetString(concurrency_error.ptr(), e.what());
        } catch (const StoreError& e) {
            PyErr_SetString(store_error.ptr(), e.what());
        }
    });
}

}  // namespace coachkit::python
