// Private: the role of each utterance's speaker, with one warning per speaker that no mapping or
// default names, at the first line they speak, saying how to map them.
#pragma once

#include <string>
#include <unordered_map>

#include "coachkit/evidence/talk_metrics.hpp"

COACHKIT_NAMESPACE_BEGIN

class RoleResolver {
public:
    /// `example_role` is the role the warning suggests ("pupil" in a lesson).
    RoleResolver(const SpeakerRoles& roles, DiagnosticSink& sink, std::string example_role);
    /// The role of `utterance`'s speaker; the first time an unmapped speaker appears, a warning.
    const std::string& role(const Utterance& utterance);

private:
    // Speakers are remembered (and warned about) up to this many names; beyond, roles are looked
    // up each time and new names go unreported, so memory stays bounded.
    static constexpr std::size_t max_remembered = 10000;
    const SpeakerRoles& roles_;
    DiagnosticSink& sink_;
    std::string example_role_;
    std::unordered_map<std::string, std::string> known_;  // speaker as written → role
    std::string scratch_;
};

COACHKIT_NAMESPACE_END
