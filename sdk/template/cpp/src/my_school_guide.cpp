// A coaching guide written in C++: the prompts a coach can use, phase by phase, in a conversation
// after an observed lesson. Replace the phases and prompts with your school's own.
//
// A compiled plugin has three parts, all in this file:
//   1. a class implementing one of coachkit's interfaces (here coachkit::CoachingGuide);
//   2. a register function that tells coachkit which components the library provides, by id;
//   3. COACHKIT_PLUGIN(...), which exports the entry point coachkit looks for.
// The ids and the version used here must be exactly those in plugin.json: coachkit checks that the
// library and its manifest agree before it uses anything from the library.
#include <coachkit/plugin/coaching_guide.hpp>
#include <coachkit/plugin/entry_point.hpp>
#include <string>
#include <vector>

// An unnamed namespace keeps these names private to the library; only the entry point is exported.
namespace {

class MySchoolGuide final : public coachkit::CoachingGuide {
public:
    // What the guide is about: "any" for a general guide, or a topic such as "behaviour".
    [[nodiscard]] std::string focus() const override { return "any"; }

    // The phases in conversation order; groups usable at any point (any_time = true) come last.
    [[nodiscard]] std::vector<coachkit::PromptGroup> phases() const override {
        coachkit::PromptGroup focus_phase;
        focus_phase.id = "agree-focus";  // lower-case words joined by '-'
        focus_phase.name = "Agree what to look at";
        focus_phase.summary = "Start from what the teacher wants to work on.";
        focus_phase.prompts = {
            "Which moment of the lesson would you like to talk about first?",
            "What were you hoping the pupils would be doing at that point?",
        };

        coachkit::PromptGroup evidence_phase;
        evidence_phase.id = "look-at-evidence";
        evidence_phase.name = "Look at the evidence together";
        evidence_phase.summary = "Stay with what was seen and heard before judging it.";
        evidence_phase.prompts = {
            "What did you notice in the pupils' work from that part of the lesson?",
            "Where does the evidence surprise you, and why?",
        };

        coachkit::PromptGroup next_step_phase;
        next_step_phase.id = "choose-next-step";
        next_step_phase.name = "Choose one next step";
        next_step_phase.summary = "Leave with one thing to try and a way to tell if it helped.";
        next_step_phase.prompts = {
            "What is one change you will try in your next lesson with this class?",
            "How will you know whether it made a difference?",
        };

        coachkit::PromptGroup check_in;
        check_in.id = "check-in";
        check_in.name = "Check in";
        check_in.summary = "Usable at any point of the conversation.";
        check_in.prompts = {"Is this still the most useful thing for us to talk about?"};
        check_in.any_time = true;

        return {focus_phase, evidence_phase, next_step_phase, check_in};
    }
};

// Called once, when coachkit first opens the library. Add one component per entry in the
// manifest's "provides": the kind comes from the class (a CoachingGuide), the id is given here.
// Each time coachkit needs a guide it makes a new MySchoolGuide.
void register_components(coachkit::PluginRegistrar& registrar) {
    registrar.add<MySchoolGuide>("my-school-guide");
}

}  // namespace

// The plugin's id and version, as in plugin.json, and the register function. Once per library.
COACHKIT_PLUGIN("my-school-plugin", "1.0.0", register_components)
