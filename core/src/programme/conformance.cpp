// The framework-conformance checks. Each rule cites the source document it rests on; the wording
// of the messages is ours.
#include "coachkit/programme/conformance.hpp"

#include <algorithm>
#include <map>

COACHKIT_NAMESPACE_BEGIN

namespace {

constexpr const char* kFramework = "001_02d9a7e25f685ada.txt";   // CUREE national framework
constexpr const char* kCureeTalk = "000_03436bf4eb73f4b1.txt";   // CUREE: co-coaching evidence
constexpr const char* kCflatGuide = "002_4b16babbfb4ecaf5.txt";  // CfLaT practical guide

constexpr int kMinimumCoCoachingCycles = 4;

bool is_coaching(const Partnership& p) {
    return p.mode == "specialist-coaching" || p.mode == "co-coaching";
}

}  // namespace

std::vector<Finding> check_conformance(const ConformanceInput& input) {
    std::map<std::string, const Person*> people;
    for (const auto& person : input.people)
        people.emplace(person.id, &person);
    std::map<std::string, const LearningAgreement*> agreements;
    for (const auto& agreement : input.agreements)
        agreements[agreement.partnership] = &agreement;

    std::vector<Finding> findings;
    auto find = [&](const Partnership& p, const char* rule, std::string message,
                    const char* source) {
        findings.push_back(Finding{rule, p.id, std::move(message), source});
    };

    for (const auto& p : input.partnerships) {
        if (p.mode == "specialist-coaching") {
            for (const auto& coach : p.people_in("specialist-coach")) {
                for (const auto& learner : p.people_in("professional-learner")) {
                    const auto found = people.find(learner);
                    if (found != people.end() && found->second->line_manager == coach) {
                        find(p, "buffer-zones",
                             "the specialist coach " + coach + " is the line manager of " +
                                 learner +
                                 ": coaching should be kept apart from line management (buffer "
                                 "zones)",
                             kFramework);
                    }
                }
            }
        }

        if (p.mode == "co-coaching") {
            const auto agreement = agreements.find(p.id);
            if (agreement != agreements.end()) {
                const auto& cycles = agreement->second->planned_cycles;
                if (!cycles) {
                    find(p, "co-coaching-cycles",
                         "the agreement plans no number of cycles; co-coaching that made a "
                         "difference "
                         "ran at least four cycles over about twelve weeks",
                         kCureeTalk);
                } else if (*cycles < kMinimumCoCoachingCycles) {
                    find(p, "co-coaching-cycles",
                         "the agreement plans " + std::to_string(*cycles) +
                             " cycles; co-coaching that made a difference ran at least four",
                         kCureeTalk);
                }
            }
            if (p.specialist_input.empty()) {
                find(p, "co-coaching-specialist-input",
                     "no specialist input is named; co-coaches draw on a specialist source (a "
                     "course, "
                     "a consultant, a demonstration, reading) to inform their coaching",
                     kFramework);
            }
        }

        if (p.mode == "mentoring" && p.purpose.empty()) {
            find(p, "mentoring-purpose",
                 "no purpose is recorded: mentoring serves induction, progression or challenge",
                 kFramework);
        }

        if (is_coaching(p)) {
            const auto learners = p.learners();
            if (p.focus.empty()) {
                find(p, "learner-chosen-focus",
                     "no focus is recorded: in coaching the learner chooses the focus",
                     kCflatGuide);
            } else if (std::find(learners.begin(), learners.end(), p.focus_chosen_by) ==
                       learners.end()) {
                find(p, "learner-chosen-focus",
                     "the focus was chosen by " +
                         (p.focus_chosen_by.empty() ? std::string("no one recorded")
                                                    : p.focus_chosen_by) +
                         ", not by the learner: in coaching the learner chooses the focus",
                     kCflatGuide);
            }
        }
    }
    return findings;
}

COACHKIT_NAMESPACE_END
