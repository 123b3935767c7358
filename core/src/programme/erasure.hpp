// Private: what erasing a record changes, in the journal (the events that carried its personal
// content, rewritten) and in a state (the same change made live, when a tombstone is applied by a
// reader that had the content). The two must agree: a test compares a live state with a replay.
#pragma once

#include <vector>

#include "coachkit/journal/store.hpp"
#include "coachkit/privacy/policy.hpp"
#include "coachkit/programme/state.hpp"

COACHKIT_NAMESPACE_BEGIN

/// The rewrites that remove `record`'s personal content from `journal` (every event of the
/// programme, in order). A cycle record means all of the cycle's content. Empty if the record's
/// content is in no event (a person, a partnership).
std::vector<EventStore::DataRewrite> erasure_rewrites(const std::vector<Event>& journal,
                                                      const RecordRef& record);

/// Whether `kind` is a record whose content can be erased (agreement, cycle, stage-record, note,
/// action, evidence, video).
bool erasable(RecordKind kind);

// The same changes made to values.
void erase_agreement_text(LearningAgreement& agreement);
void erase_stage_record(StageProgress& stage);
void erase_note(Note& note);
void erase_action(AgreedAction& action);
void erase_assessment(RecordedAssessment& assessment);
void erase_reference(EvidenceRef& reference);
void erase_item(EvidenceItem& item);
/// Every content of a cycle: stage records, notes, actions, references, the abandon reason (its
/// stored items are erased through erase_item by the caller, which holds them).
void erase_cycle_text(Cycle& cycle);

COACHKIT_NAMESPACE_END
