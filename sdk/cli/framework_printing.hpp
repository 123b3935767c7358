// Terminal views of a framework, shared by `coachkit framework …` and `coachkit demo`.
#pragma once

#include <ostream>

#include "coachkit/framework/framework.hpp"

namespace coachkit::cli {

void print_overview(std::ostream& out, const Framework& framework);
void print_mode(std::ostream& out, const Framework& framework, const Mode& mode);
void print_comparison(std::ostream& out, const Framework& framework,
                      const ModeComparison& comparison);
void print_theme(std::ostream& out, const Framework& framework, const ThemeRow& row);

}  // namespace coachkit::cli
