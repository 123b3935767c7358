// A programme's current state: what replaying its journal gives. Read-only to its users; only
// apply() changes it, one event at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "coachkit/journal/event.hpp"
#include "coachkit/privacy/consent.hpp"
#include "coachkit/privacy/erasure.hpp"
#include "coachkit/privacy/policy.hpp"
#include "coachkit/programme/conformance.hpp"
#include "coachkit/programme/cycle.hpp"
#include "coachkit/programme/evidence_item.hpp"
#include "coachkit/programme/model.hpp"

COACHKIT_NAMESPACE_BEGIN

/// An event the state cannot take: unknown type, missing facts, or a reference to something the
/// journal never created. what() names the event's sequence and type.
class COACHKIT_API ReplayError : public InvalidDocumentError {
public:
    using InvalidDocumentError::InvalidDocumentError;
    ~ReplayError() override;
};

class COACHKIT_API ProgrammeState {
public:
    ProgrammeState();
    ~ProgrammeState();
    ProgrammeState(const ProgrammeState& other);
    ProgrammeState& operator=(const ProgrammeState& other);
    ProgrammeState(ProgrammeState&&) noexcept;
    ProgrammeState& operator=(ProgrammeState&&) noexcept;

    /// Applies one event. Events must come in sequence order with no gaps. Throws ReplayError
    /// (the state is then unchanged) for an event that does not fit; `origin` names the journal or
    /// file in the error.
    void apply(const Event& event, std::string_view origin = "journal");

    /// Replays `events` from an empty state.
    [[nodiscard]] static ProgrammeState replay(const std::vector<Event>& events,
                                               std::string_view origin = "journal");

    [[nodiscard]] bool initialised() const { return !id_.empty(); }
    [[nodiscard]] const std::string& id() const { return id_; }
    [[nodiscard]] const std::string& name() const { return name_; }
    [[nodiscard]] const std::string& created_at() const { return created_at_; }
    [[nodiscard]] std::int64_t last_sequence() const { return last_sequence_; }
    [[nodiscard]] std::size_t event_count() const {
        return static_cast<std::size_t>(last_sequence_);
    }

    [[nodiscard]] const std::vector<Person>& people() const { return people_; }
    [[nodiscard]] const std::vector<Partnership>& partnerships() const { return partnerships_; }
    /// The agreements, one per partnership that has drafted one, in the order first drafted.
    [[nodiscard]] const std::vector<LearningAgreement>& agreements() const { return agreements_; }
    [[nodiscard]] const std::vector<Cycle>& cycles() const { return cycles_; }

    /// Stored evidence items, in the order added.
    [[nodiscard]] const std::vector<EvidenceItem>& evidence_items() const {
        return evidence_items_;
    }

    /// Every consent ever granted, in the order granted (withdrawn ones too, with when).
    [[nodiscard]] const std::vector<Consent>& consents() const { return consents_; }
    /// The consents that hold now.
    [[nodiscard]] std::vector<const Consent*> active_consents() const;
    /// Every erasure, in order (its tombstone's facts).
    [[nodiscard]] const std::vector<Erasure>& erasures() const { return erasures_; }
    /// The k of k-anonymity for this programme's aggregates (kDefaultAnonymityK until set).
    [[nodiscard]] int anonymity_k() const { return anonymity_k_; }

    [[nodiscard]] const Person* person(std::string_view id) const;
    [[nodiscard]] const Partnership* partnership(std::string_view id) const;
    [[nodiscard]] const LearningAgreement* agreement(std::string_view partnership) const;
    [[nodiscard]] const Cycle* cycle(std::string_view id) const;
    [[nodiscard]] const EvidenceItem* evidence_item(std::string_view id) const;
    /// The items stored on a cycle's stages, in the order added.
    [[nodiscard]] std::vector<const EvidenceItem*> evidence_of(std::string_view cycle) const;
    /// The partnership's cycles, in the order started.
    [[nodiscard]] std::vector<const Cycle*> cycles_of(std::string_view partnership) const;

    /// True when the partnership has an agreement that every member has signed.
    [[nodiscard]] bool agreement_signed(std::string_view partnership) const;

    /// The people, partnerships and agreements, for check_conformance.
    [[nodiscard]] ConformanceInput conformance_input() const;

private:
    struct Index;
    void reindex();  // after PrivacyFilter removed records
    std::string id_;
    std::string name_;
    std::string created_at_;
    std::int64_t last_sequence_ = 0;
    std::vector<Person> people_;
    std::vector<Partnership> partnerships_;
    std::vector<LearningAgreement> agreements_;
    std::vector<Cycle> cycles_;
    std::vector<EvidenceItem> evidence_items_;
    std::vector<Consent> consents_;
    std::vector<Erasure> erasures_;
    int anonymity_k_ = kDefaultAnonymityK;
    std::unique_ptr<Index> index_;  // id → position, rebuilt on copy

    friend class StateApplier;
    friend class PrivacyFilter;  // builds a viewer's redacted copy (privacy/view.cpp)
};

/// The state as JSON (what `programme show --json` prints and an export carries).
[[nodiscard]] COACHKIT_API boost::json::object to_json(const ProgrammeState& state);

COACHKIT_NAMESPACE_END
