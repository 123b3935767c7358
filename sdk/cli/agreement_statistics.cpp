// Placeholder: filled in by issue 6's work.
#include "commands.hpp"

namespace coachkit::cli {

void add_agreement_statistics(CLI::App& agreement, Dispatch& dispatch) {
    (void)agreement;
    (void)dispatch;
}

}  // namespace coachkit::cli
