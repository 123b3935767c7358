// The programme engine: commands are checked against the current state and the workflow, turned
// into events, appended to the journal in one transaction, and applied. A command the rules do not
// allow is refused with the rule's id and nothing is written.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coachkit/evidence/byte_source.hpp"
#include "coachkit/journal/store.hpp"
#include "coachkit/plugin/registry.hpp"
#include "coachkit/privacy/aggregate.hpp"
#include "coachkit/privacy/view.hpp"
#include "coachkit/programme/conformance.hpp"
#include "coachkit/programme/state.hpp"

COACHKIT_NAMESPACE_BEGIN

/// A command the rules do not allow. rule() is a stable id ("stage-order", "record-writer", …;
/// docs/workflows.md lists them all); what() says why in words. Nothing was written.
class COACHKIT_API RefusedError : public Error {
public:
    RefusedError(std::string rule, const std::string& message);
    ~RefusedError() override;
    [[nodiscard]] const std::string& rule() const noexcept { return rule_; }

private:
    std::string rule_;
};

/// Who gives a command, and when it happened. `at` empty means now; giving it lets a school
/// record a meeting after the fact (and tests and demos run on a fixed calendar).
struct COACHKIT_API CommandContext {
    std::string actor = "system";  ///< a person id, or "system"
    std::string at;                ///< ISO 8601 UTC to the second
};

/// What a command did: the events it appended (with their sequences) and any framework
/// warnings it raised (a new partnership that departs from the guidance, say).
struct COACHKIT_API CommandResult {
    std::vector<Event> events;
    std::vector<Finding> warnings;
    /// What reading an input reported short of an error (add_evidence), each naming its line.
    Diagnostics diagnostics;
};

/// Evidence to read and store on a stage (add_evidence).
struct COACHKIT_API EvidenceInput {
    std::string kind;             ///< the evidence source's id ("lesson-transcript", …)
    std::string format;           ///< empty: the source's only format, or the file extension's
    std::string origin;           ///< the name diagnostics use; empty: the ByteSource's name
    boost::json::object options;  ///< for the source ("speakers", "codes", …)
    std::string summary;          ///< what it shows, in a few words
    std::string id;               ///< empty: "<cycle>-e<n>"
    std::string owner;            ///< empty: the cycle's learner (a partnership member otherwise)
};

/// How a read is made, for the audit log.
struct COACHKIT_API ReadRequest {
    std::string via = "c++";  ///< the read path: "cli programme show", "python view", …
    std::string scope;        ///< a record id to limit the view to (see view_as); empty: all
    std::string at;           ///< when, ISO 8601 UTC; empty: now
};

struct COACHKIT_API CycleOptions {
    std::string id;       ///< empty: "<partnership>-<number>"
    std::string learner;  ///< whose practice; empty: the partnership's learner, or in co-coaching
                          ///< the next co-coach in turn
    bool formal = false;  ///< a formal observation (grades allowed only where the workflow says)
};

/// Completing a stage.
struct COACHKIT_API StageCompletion {
    std::string stage;   ///< empty: the current stage
    std::string record;  ///< the stage's written record, written by the actor
    std::string grade;   ///< only where the workflow allows grades
};

class COACHKIT_API ProgrammeEngine {
public:
    /// Replays the journal in `store`. Workflows are looked up in `registry`. Both must outlive
    /// the engine. Throws ReplayError for a journal that does not replay.
    ProgrammeEngine(EventStore& store, Registry& registry);
    ~ProgrammeEngine();
    ProgrammeEngine(const ProgrammeEngine&) = delete;
    ProgrammeEngine& operator=(const ProgrammeEngine&) = delete;

    /// The state as of the last command or refresh().
    [[nodiscard]] const ProgrammeState& state() const;
    /// Reads events other writers appended since, and applies them.
    void refresh();

    /// Starts a programme in an empty journal (refused with "programme-exists" otherwise).
    CommandResult init(const std::string& id, const std::string& name, const CommandContext& ctx);
    CommandResult add_person(const Person& person, const CommandContext& ctx);
    /// Forms a partnership; its warnings are the conformance findings for it.
    CommandResult add_partnership(const Partnership& partnership, const CommandContext& ctx);
    /// Drafts (or redrafts) the partnership's agreement. A redraft clears every signature. The
    /// performance-management link can be on only if the actor is the learner.
    CommandResult draft_agreement(const LearningAgreement& agreement, const CommandContext& ctx);
    /// The actor signs the partnership's agreement (a member signs for themself).
    CommandResult sign_agreement(const std::string& partnership, const CommandContext& ctx);
    /// Switches the performance-management link; only the learner may.
    CommandResult set_performance_management_link(const std::string& partnership, bool on,
                                                  const CommandContext& ctx);

    CommandResult start_cycle(const std::string& partnership, const CycleOptions& options,
                              const CommandContext& ctx);
    /// Sets the time of a stage that has not started; timing rules are checked against `when`.
    CommandResult schedule_stage(const std::string& cycle, const std::string& stage,
                                 const std::string& when, const CommandContext& ctx);
    /// Starts the current stage (naming another is refused with "stage-order").
    CommandResult start_stage(const std::string& cycle, const std::string& stage,
                              const CommandContext& ctx);
    /// Completes the current stage, starting it first if it has not started.
    CommandResult advance(const std::string& cycle, const StageCompletion& completion,
                          const CommandContext& ctx);
    /// Attaches evidence to the stage in progress (or `stage`, if it has started).
    CommandResult attach_evidence(const std::string& cycle, const std::string& stage,
                                  const EvidenceRef& evidence, const CommandContext& ctx);
    /// Reads `input` with the evidence source `input.kind` and stores it as an evidence item on the
    /// stage in progress (or `stage`, if it has started). The cycle and stage are checked before
    /// the input is read. Bad input raises InvalidDocumentError with every diagnostic (file, line
    /// and reason) and nothing is stored; a failing plugin raises PluginError; an unknown source
    /// NotFoundError. Warnings from reading come back in CommandResult::diagnostics and stay on
    /// the item.
    CommandResult add_evidence(const std::string& cycle, const std::string& stage,
                               const EvidenceInput& input, ByteSource& bytes,
                               const CommandContext& ctx);
    /// Records a note against the stage in progress (or `stage`, if it has started).
    CommandResult add_note(const std::string& cycle, const std::string& stage,
                           const std::string& text, const CommandContext& ctx);
    CommandResult agree_action(const std::string& cycle, const AgreedAction& action,
                               const CommandContext& ctx);
    /// Closes a cycle whose stages are all complete.
    CommandResult close_cycle(const std::string& cycle, const CommandContext& ctx);
    CommandResult abandon_cycle(const std::string& cycle, const std::string& reason,
                                const CommandContext& ctx);

    /// Records a rubric's assessment against `cycle` (of any status) as `assessment.recorded`:
    /// of the evidence item `subject`, or of the cycle when `subject` is empty. The actor must be
    /// a member of the cycle's partnership ("not-a-member"); an unknown cycle or item is refused.
    CommandResult record_assessment(const std::string& cycle, const std::string& subject,
                                    const Assessment& assessment, const CommandContext& ctx);
    /// Evaluates the rubric `rubric` on evidence item `item`'s content (with `extra_input`'s keys
    /// added, such as "thresholds") and records the result. Refused as record_assessment is,
    /// before the rubric runs; a rubric that reports errors throws InvalidDocumentError and
    /// records nothing.
    CommandResult assess_evidence(const std::string& cycle, const std::string& item,
                                  const std::string& rubric, const boost::json::object& extra_input,
                                  const CommandContext& ctx);

    // ---- privacy (docs/privacy.md) ----------------------------------------------------------

    /// The actor, owner of the records it opens, grants a consent. Refused ("consent-owner") for
    /// anyone else, ("consent-exists") when the same consent already holds. Written to the audit
    /// log too.
    CommandResult grant_consent(const ConsentScope& scope, const CommandContext& ctx);
    /// The owner withdraws a consent; it holds no more from the next read on.
    CommandResult withdraw_consent(const std::string& consent, const CommandContext& ctx);
    /// Sets the programme's k for aggregates (at least kMinimumAnonymityK); only the coaching
    /// co-ordinator may ("anonymity-setter").
    CommandResult set_anonymity_k(int k, const CommandContext& ctx);
    /// The owner erases a record's personal content ("cycle:…" for all of a cycle's): the events
    /// that carried it are rewritten in the store and a `record.erased` tombstone appended
    /// (EventStore::erase). Refused ("erase-owner") for anyone but an owner.
    CommandResult erase(const std::string& record, const CommandContext& ctx);

    /// What `viewer` may see (view_as), with an audit entry for every confidential record shown
    /// that the viewer does not own. A viewer not in the programme is refused
    /// (AccessDeniedError "unknown-viewer"); a scope the viewer may not see at all is refused
    /// ("not-in-audience", itself written to the audit log); an unknown scope is NotFoundError.
    [[nodiscard]] ProgrammeView view(const std::string& viewer, const ReadRequest& request = {});
    /// The k-anonymous aggregates `viewer` asks for (aggregate()), with an audit entry.
    [[nodiscard]] AggregateTable report(const std::string& viewer,
                                        const std::vector<AggregateDimension>& by,
                                        const ReadRequest& request = {});
    /// Records in the audit log that the whole journal was exported (a custodian's backup).
    void record_journal_export(const std::string& actor, const ReadRequest& request);

    /// The prompts offered at a stage of a cycle's workflow, resolved from the coaching guides it
    /// names (empty if the workflow names none or the guide is missing).
    [[nodiscard]] std::vector<std::string> prompts_for(const std::string& cycle,
                                                       const std::string& stage);
    /// The workflow a partnership's cycles follow (throws NotFoundError or PluginError).
    [[nodiscard]] std::shared_ptr<Workflow> workflow_of(const std::string& partnership);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

COACHKIT_NAMESPACE_END
