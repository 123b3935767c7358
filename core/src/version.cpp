#include "coachkit/version.hpp"

COACHKIT_NAMESPACE_BEGIN

std::string library_version() {
    return COACHKIT_VERSION_STRING;
}

COACHKIT_NAMESPACE_END
