// Everything in coachkit's public API, for those who prefer one include.
#pragma once

#include "coachkit/diagnostics/diagnostic.hpp"
#include "coachkit/framework/comparison.hpp"
#include "coachkit/framework/framework.hpp"
#include "coachkit/framework/types.hpp"
#include "coachkit/json/document.hpp"
#include "coachkit/plugin/coaching_guide.hpp"
#include "coachkit/plugin/describe.hpp"
#include "coachkit/plugin/component.hpp"
#include "coachkit/plugin/evidence_source.hpp"
#include "coachkit/plugin/manifest.hpp"
#include "coachkit/plugin/registrar.hpp"
#include "coachkit/plugin/registry.hpp"
#include "coachkit/plugin/rubric.hpp"
#include "coachkit/plugin/validate.hpp"
#include "coachkit/plugin/workflow.hpp"
#include "coachkit/version.hpp"
