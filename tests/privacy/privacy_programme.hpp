// The privacy tests' programme: one learner's partnership with a person in every relation to it
// and one record of every kind, each confidential text a marker string found nowhere else, so
// that "did it leak?" is a plain search of whatever a read path printed.
#pragma once

#include <boost/json.hpp>
#include <memory>
#include <string>
#include <vector>

#include "programme/programme_support.hpp"

namespace coachkit::testing {

/// Someone reading the learner's records, and how they stand to them with no consent given.
struct PrivacyViewer {
    Relation relation = Relation::other;
    std::string id;
};

/// One record of the programme, with the markers its confidential fields hold.
struct MarkedRecord {
    std::string id;
    RecordKind kind = RecordKind::person;
    /// Every marker in the record; a redacted or denied record shows none of them.
    std::vector<std::string> markers;
    /// Of those, the ones an anonymised training excerpt of the record may show (its content).
    std::vector<std::string> excerpt_markers;
};

/// The programme. `lea` is the learner whose records these are; `coach` coaches her in a triad
/// observed by `obs`; `lm` is her line manager; `coord` the coaching co-ordinator; `head` and
/// `deputy` senior leaders; `mis` an integration account; `vv` a teacher she may add as a video
/// viewer; `ben`, `teach`, `amy` and `ect` have nothing to do with her coaching.
class PrivacyProgramme {
public:
    /// Builds it in `store` (empty). ASSERTs cannot be used in a constructor: a command that fails
    /// throws, and the test fails on the exception.
    explicit PrivacyProgramme(std::unique_ptr<EventStore> store);

    /// The viewers, each in one relation to every record of `lea` (vv's is "other" until she
    /// adds him as a video viewer).
    [[nodiscard]] static const std::vector<PrivacyViewer>& viewers();
    /// The partnership's records (people not included: they hold no markers).
    [[nodiscard]] static const std::vector<MarkedRecord>& records();
    [[nodiscard]] static const MarkedRecord& record(const std::string& id);
    /// Every marker of every record.
    [[nodiscard]] static std::vector<std::string> all_markers();

    /// The names of the programme's people (what an anonymised excerpt must not hold).
    [[nodiscard]] std::vector<std::string> names() const;

    /// Consent scopes the tests grant.
    [[nodiscard]] static ConsentScope share_with_coordinator();
    [[nodiscard]] static ConsentScope performance_management();
    [[nodiscard]] static ConsentScope video_viewer();      ///< vv, for the stored video only
    [[nodiscard]] static ConsentScope training_excerpt();  ///< turns 1-2 of the transcript

    Registry registry;
    std::unique_ptr<EventStore> store;
    std::unique_ptr<ProgrammeEngine> engine;

    /// A time after everything the programme holds, `minutes` later each call (commands must not
    /// go back in time).
    std::string next_time();

private:
    void add(const std::string& id, const std::string& name, StaffRole role,
             const std::string& manager);
    void build();
    int minutes_ = 0;
};

/// `json` serialised.
[[nodiscard]] std::string text_of(const boost::json::value& json);
/// Whether `text` contains `needle`.
[[nodiscard]] bool holds(const std::string& text, const std::string& needle);

}  // namespace coachkit::testing
