// Everything in coachkit's public API, for those who prefer one include.
#pragma once

#include "coachkit/diagnostics/diagnostic.hpp"
#include "coachkit/framework/comparison.hpp"
#include "coachkit/framework/framework.hpp"
#include "coachkit/framework/types.hpp"
#include "coachkit/json/document.hpp"
#include "coachkit/version.hpp"
