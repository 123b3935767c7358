// Any component instance described as JSON: what `coachkit plugins show` prints and what an
// integrator can store or send. Works the same for compiled, data-only and Python components.
#pragma once

#include <boost/json/object.hpp>

#include "coachkit/plugin/component.hpp"

COACHKIT_NAMESPACE_BEGIN

/// The component's content by kind: a workflow's mode and stages, a guide's focus and phases, a
/// rubric's scale and criteria, an evidence source's formats and privacy class.
[[nodiscard]] COACHKIT_API boost::json::object describe_component(const Component& component);

COACHKIT_NAMESPACE_END
