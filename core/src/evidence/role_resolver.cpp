#include "evidence/role_resolver.hpp"

COACHKIT_NAMESPACE_BEGIN

RoleResolver::RoleResolver(const SpeakerRoles& roles, DiagnosticSink& sink,
                           std::string example_role)
    : roles_(roles), sink_(sink), example_role_(std::move(example_role)) {}

const std::string& RoleResolver::role(const Utterance& utterance) {
    if (const auto it = known_.find(utterance.speaker); it != known_.end())
        return it->second;
    std::string role = roles_.role_for(utterance.speaker);
    if (known_.size() >= max_remembered) {
        scratch_ = std::move(role);
        return scratch_;
    }
    if (roles_.is_unmapped(utterance.speaker)) {
        std::string known;
        for (const auto& r : roles_.roles())
            known += (known.empty() ? "" : ", ") + r;
        const std::string& name = utterance.speaker;
        sink_.warning("unmapped-speaker", utterance.line, 1,
                      "speaker '" + name +
                          "' matches no role, so their talk counts as 'other'; "
                          "map it with --speaker '" +
                          name + "=" + example_role_ +
                          "' on the command line or the option \"speakers\": {\"" + name +
                          "\": \"" + example_role_ + "\"} (roles: " + known + ")");
    }
    return known_.emplace(utterance.speaker, std::move(role)).first->second;
}

COACHKIT_NAMESPACE_END
