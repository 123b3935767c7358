// Placeholder: filled in by issue 6's work.
#include "commands.hpp"

namespace coachkit::cli {

void add_analyse_coaching(CLI::App& analyse, Dispatch& dispatch) {
    (void)analyse;
    (void)dispatch;
}

}  // namespace coachkit::cli
