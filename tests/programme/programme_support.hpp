// Shared by the programme tests: a programme in a memory store, with the built-in plugins and a
// few test workflows whose rules the tests control.
#pragma once

#include <gtest/gtest.h>

#include <coachkit/coachkit.hpp>
#include <functional>
#include <memory>
#include <string>

namespace coachkit::testing {

inline std::filesystem::path builtin_plugins() {
    return COACHKIT_BUILTIN_PLUGINS;
}

/// A workflow written in the test, registered as an application's own component would be.
class TestWorkflow final : public Workflow {
public:
    TestWorkflow(std::string mode, std::vector<WorkflowStage> stages, CyclePlan plan)
        : mode_(std::move(mode)), stages_(std::move(stages)), plan_(plan) {}
    [[nodiscard]] std::string mode() const override { return mode_; }
    [[nodiscard]] std::vector<WorkflowStage> stages() const override { return stages_; }
    [[nodiscard]] CyclePlan cycle_plan() const override { return plan_; }

private:
    std::string mode_;
    std::vector<WorkflowStage> stages_;
    CyclePlan plan_;
};

inline WorkflowStage stage(std::string id) {
    WorkflowStage s;
    s.name = id;
    s.id = std::move(id);
    return s;
}

inline void add_workflow(Registry& registry, const std::string& id, std::string mode,
                         std::vector<WorkflowStage> stages, CyclePlan plan = {}) {
    ComponentDescriptor descriptor;
    descriptor.kind = ComponentKind::workflow;
    descriptor.id = id;
    descriptor.display_name = id;
    descriptor.plugin_id = "tests";
    descriptor.plugin_version = "0.0.1";
    auto workflow = std::make_shared<TestWorkflow>(std::move(mode), std::move(stages), plan);
    registry.add(descriptor, [workflow] { return workflow; });
}

inline CommandContext by(std::string actor, std::string at) {
    return CommandContext{std::move(actor), std::move(at)};
}

/// A programme "school" started 2026-09-01 with eight people (line management: head > deputy >
/// the rest), in a memory store.
class ProgrammeTest : public ::testing::Test {
protected:
    void SetUp() override {
        registry.discover({builtin_plugins()});
        ASSERT_FALSE(has_errors(registry.problems()));
        add_test_workflows();
        store = make_memory_store();
        engine = std::make_unique<ProgrammeEngine>(*store, registry);
        engine->init("school", "Test School", by("system", "2026-09-01T08:00:00Z"));
        add("head", "Head", StaffRole::senior_leader, "");
        add("deputy", "Deputy", StaffRole::senior_leader, "head");
        add("coord", "Co-ordinator", StaffRole::coaching_coordinator, "head");
        add("coach", "Coach", StaffRole::middle_leader, "deputy");
        add("teach", "Teacher", StaffRole::teacher, "coach");
        add("ect", "New Teacher", StaffRole::early_career_teacher, "deputy");
        add("amy", "Amy", StaffRole::teacher, "deputy");
        add("ben", "Ben", StaffRole::teacher, "deputy");
    }

    virtual void add_test_workflows() {}

    void add(std::string id, std::string name, StaffRole role, std::string manager) {
        engine->add_person(Person{std::move(id), std::move(name), role, std::move(manager)},
                           by("system", "2026-09-01T08:10:00Z"));
    }

    /// Forms a partnership and has every member sign a minimal agreement.
    void form(const std::string& id, const std::string& mode, const std::string& workflow,
              std::vector<Member> members, bool sign = true) {
        Partnership p;
        p.id = id;
        p.mode = mode;
        p.workflow = workflow;
        p.members = std::move(members);
        p.purpose = mode == "mentoring" ? "induction" : "";
        engine->add_partnership(p, by("coord", "2026-09-02T08:00:00Z"));
        LearningAgreement a;
        a.partnership = id;
        a.goals = {Goal{"ask better questions", ""}};
        a.planned_cycles = 4;
        engine->draft_agreement(a, by(p.members.front().person, "2026-09-02T09:00:00Z"));
        if (sign) {
            for (const auto& m : p.members)
                engine->sign_agreement(id, by(m.person, "2026-09-02T09:30:00Z"));
        }
    }

    /// Runs `command`, expects RefusedError with `rule`, and that nothing was written.
    void expect_refused(const std::string& rule, const std::function<void()>& command,
                        const std::string& says = "") {
        const auto before = store->last_sequence();
        try {
            command();
            ADD_FAILURE() << "expected a refusal by rule '" << rule << "'";
        } catch (const RefusedError& e) {
            EXPECT_EQ(e.rule(), rule) << e.what();
            EXPECT_EQ(std::string(e.what()).rfind(rule + ": ", 0), 0u) << e.what();
            if (!says.empty()) {
                EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
            }
        }
        EXPECT_EQ(store->last_sequence(), before) << "a refused command wrote events";
        EXPECT_EQ(engine->state().last_sequence(), before);
    }

    Registry registry;
    std::unique_ptr<EventStore> store;
    std::unique_ptr<ProgrammeEngine> engine;
};

}  // namespace coachkit::testing
