// Private: the programme's event types and the JSON of their `data`, written by the engine and read
// back by the state. One place for both directions, so they cannot drift apart.
#pragma once

#include <boost/json/object.hpp>
#include <string_view>

#include "coachkit/programme/cycle.hpp"
#include "coachkit/programme/evidence_item.hpp"
#include "coachkit/programme/model.hpp"
#include "json/field_reader.hpp"

COACHKIT_NAMESPACE_BEGIN

namespace event_type {
inline constexpr std::string_view programme_created = "programme.created";
inline constexpr std::string_view person_added = "person.added";
inline constexpr std::string_view partnership_formed = "partnership.formed";
inline constexpr std::string_view agreement_drafted = "agreement.drafted";
inline constexpr std::string_view agreement_signed = "agreement.signed";
inline constexpr std::string_view performance_link_set = "agreement.performance-link-set";
inline constexpr std::string_view cycle_started = "cycle.started";
inline constexpr std::string_view stage_scheduled = "stage.scheduled";
inline constexpr std::string_view stage_started = "stage.started";
inline constexpr std::string_view stage_completed = "stage.completed";
inline constexpr std::string_view evidence_attached = "evidence.attached";
inline constexpr std::string_view evidence_added = "evidence.added";
inline constexpr std::string_view note_recorded = "note.recorded";
inline constexpr std::string_view action_agreed = "action.agreed";
inline constexpr std::string_view assessment_recorded = "assessment.recorded";
inline constexpr std::string_view cycle_closed = "cycle.closed";
inline constexpr std::string_view cycle_abandoned = "cycle.abandoned";
inline constexpr std::string_view consent_granted = "consent.granted";
inline constexpr std::string_view consent_withdrawn = "consent.withdrawn";
inline constexpr std::string_view anonymity_set = "privacy.k-set";
inline constexpr std::string_view record_erased = "record.erased";
}  // namespace event_type

/// Sets `key` to `value` unless it is empty: documents leave out what was never given.
void put_if(boost::json::object& out, std::string_view key, const std::string& value);

boost::json::object person_data(const Person& person);
Person read_person(FieldReader& r);

boost::json::object partnership_data(const Partnership& partnership);
Partnership read_partnership(FieldReader& r);

/// Everything in the agreement but its partnership (the event names it) and acknowledgements
/// (each is an event of its own).
boost::json::object agreement_data(const LearningAgreement& agreement);
LearningAgreement read_agreement(FieldReader& r);

boost::json::object evidence_data(const EvidenceRef& evidence);
EvidenceRef read_evidence(FieldReader& r);

/// Everything in the item but its partnership and cycle (the event names them) and by/at.
boost::json::object evidence_item_data(const EvidenceItem& item);
/// `data` is the object `r` reads, for the fields FieldReader has no type for (content, metrics).
EvidenceItem read_evidence_item(FieldReader& r, const boost::json::object& data);

boost::json::object action_data(const AgreedAction& action);
AgreedAction read_action(FieldReader& r);

COACHKIT_NAMESPACE_END
