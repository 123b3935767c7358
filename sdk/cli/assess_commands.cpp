// Placeholder: filled in by issue 6's work.
#include "commands.hpp"

namespace coachkit::cli {

void add_assess_commands(CLI::App& app, Dispatch& dispatch) {
    (void)app;
    (void)dispatch;
}

}  // namespace coachkit::cli
