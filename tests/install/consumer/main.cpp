#include <coachkit/coachkit.hpp>
#include <iostream>

int main() {
    const auto& framework = coachkit::Framework::curee();
    const auto comparison = framework.compare({"mentoring", "specialist-coaching", "co-coaching"});
    std::cout << "coachkit " << coachkit::library_version() << "\n"
              << "modes: " << framework.modes().size() << "\n"
              << "shared by all: " << comparison.skills.shared_by_all.size() << "\n";
    return 0;
}
