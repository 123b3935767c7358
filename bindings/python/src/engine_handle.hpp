// The programme engine as Python holds it, shared by the engine bindings (bind_engine.cpp) and the
// privacy bindings (bind_privacy.cpp), which add the engine's consent, erasure and audited reads.
#pragma once

#include <pybind11/pybind11.h>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>

#include "bindings.hpp"
#include "coachkit/programme/engine.hpp"

namespace coachkit::python {

/// The engine with the store and registry it uses (kept alive by it), and a lock so that Python
/// threads give commands one at a time.
class Engine {
public:
    Engine(pybind11::object store, pybind11::object registry)
        : store_(checked<EventStore>(std::move(store), "store", "an EventStore"))
        , registry_(checked<Registry>(std::move(registry), "registry", "a Registry"))
        , engine_(store_.cast<EventStore&>(), registry_.cast<Registry&>()) {}

    /// Runs `f` on the engine under its lock. Waiting for the lock releases the GIL.
    template <class F>
    auto run(F&& f) {
        if (owner_.load() == std::this_thread::get_id()) {
            throw Error(
                "the programme engine is already running a command on this thread (a workflow "
                "cannot give the engine commands while the engine is calling it)");
        }
        std::unique_lock lock(mutex_, std::try_to_lock);
        if (!lock.owns_lock()) {
            pybind11::gil_scoped_release release;
            lock.lock();
        }
        owner_.store(std::this_thread::get_id());
        struct Clear {
            std::atomic<std::thread::id>& owner;
            ~Clear() { owner.store(std::thread::id{}); }
        } clear{owner_};
        return f(engine_);
    }

    /// run() with the GIL released while `f` runs: for calls that read or write the store and
    /// never need Python themselves (a Python plugin or store takes the GIL back on its own).
    template <class F>
    auto run_unlocked(F&& f) {
        return run([&](ProgrammeEngine& engine) {
            pybind11::gil_scoped_release release;
            return f(engine);
        });
    }

    [[nodiscard]] const pybind11::object& store() const { return store_; }
    [[nodiscard]] const pybind11::object& registry() const { return registry_; }

private:
    template <class T>
    static pybind11::object checked(pybind11::object value, const char* name,
                                    const char* expected) {
        if (!pybind11::isinstance<T>(value)) {
            throw pybind11::type_error(
                std::string(name) + " must be " + expected + ", not " +
                pybind11::str(pybind11::type::handle_of(value).attr("__name__"))
                    .cast<std::string>());
        }
        return value;
    }

    // Declared before the engine, so they are released after it.
    pybind11::object store_;
    pybind11::object registry_;
    ProgrammeEngine engine_;
    std::mutex mutex_;
    std::atomic<std::thread::id> owner_{};
};

/// The actor (`by=`) and time (`at=`) every command takes.
inline CommandContext command_context(const std::string& by, const pybind11::object& at) {
    return CommandContext{by, time_text(at)};
}

}  // namespace coachkit::python
