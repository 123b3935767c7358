// k-anonymous aggregates: the figures, primary and secondary suppression, who may ask, and
// differencing attacks. The attacks are made by a checker written here independently of the
// library: it works out each row's cycles from the programme itself, then subtracts every shown
// group it can from every shown group, and reports any result that isolates 1..k-1 learners or
// gives away a suppressed group. It is run on every pair of queries of generated programmes.
#include "coachkit/privacy/aggregate.hpp"

#include <chrono>
#include <cstdio>
#include <set>

#include "programme/programme_support.hpp"

namespace coachkit::testing {
namespace {

// ---- what the tests know about each cycle, worked out without the library ---------------------

using Bits = std::vector<std::uint64_t>;

Bits bits(std::size_t n) {
    return Bits((n + 63) / 64, 0);
}
void set_bit(Bits& b, std::size_t i) {
    b[i / 64] |= std::uint64_t{1} << (i % 64);
}
bool has_bit(const Bits& b, std::size_t i) {
    return (b[i / 64] >> (i % 64) & 1U) != 0;
}
bool subset(const Bits& a, const Bits& b) {
    for (std::size_t i = 0; i < a.size(); ++i) {
        if ((a[i] & ~b[i]) != 0)
            return false;
    }
    return true;
}
bool none(const Bits& a) {
    return std::all_of(a.begin(), a.end(), [](std::uint64_t w) { return w == 0; });
}

const std::vector<std::string> kDimensionNames{"mode", "workflow", "purpose", "post", "term"};

/// The term, from the date alone: September to December autumn, January to March spring, April
/// to August summer, each named with the calendar year of the date.
std::string expected_term(const std::string& at) {
    const int month = std::stoi(at.substr(5, 2));
    const std::string year = at.substr(0, 4);
    return year + (month >= 9 ? "-autumn" : month <= 3 ? "-spring" : "-summer");
}

struct CycleFacts {
    std::size_t learner = 0;
    std::size_t partnership = 0;
    std::map<std::string, std::string> values;  // dimension name → value
    AggregateFigures sums;                      // this cycle's additive figures
};

struct Truth {
    std::vector<CycleFacts> cycles;
    std::size_t learners = 0;
    std::size_t partnerships = 0;

    explicit Truth(const ProgrammeState& state) {
        std::map<std::string, std::size_t> learner_ids;
        std::map<std::string, std::size_t> partnership_ids;
        for (const auto& c : state.cycles()) {
            const Partnership& p = *state.partnership(c.partnership);
            CycleFacts f;
            f.learner = learner_ids.emplace(c.learner, learner_ids.size()).first->second;
            f.partnership =
                partnership_ids.emplace(c.partnership, partnership_ids.size()).first->second;
            f.values = {{"mode", p.mode},
                        {"workflow", c.workflow},
                        {"purpose", p.purpose.empty() ? "none" : p.purpose},
                        {"post", std::string(to_string(state.person(c.learner)->role))},
                        {"term", expected_term(c.started_at)}};
            f.sums.cycles_started = 1;
            f.sums.cycles_completed = c.status == CycleStatus::closed ? 1 : 0;
            f.sums.cycles_abandoned = c.status == CycleStatus::abandoned ? 1 : 0;
            for (const auto& s : c.stages)
                f.sums.stages_completed += s.status == StageStatus::completed ? 1 : 0;
            for (const auto& item : state.evidence_items())
                f.sums.evidence_items += item.cycle == c.id ? 1 : 0;
            cycles.push_back(std::move(f));
        }
        learners = learner_ids.size();
        partnerships = partnership_ids.size();
    }

    [[nodiscard]] Bits cycles_of(const std::map<std::string, std::string>& group) const {
        Bits out = bits(cycles.size());
        for (std::size_t i = 0; i < cycles.size(); ++i) {
            const bool match = std::all_of(group.begin(), group.end(), [&](const auto& kv) {
                return cycles[i].values.at(kv.first) == kv.second;
            });
            if (match)
                set_bit(out, i);
        }
        return out;
    }

    [[nodiscard]] int learners_in(const Bits& set) const {
        std::set<std::size_t> who;
        for (std::size_t i = 0; i < cycles.size(); ++i) {
            if (has_bit(set, i))
                who.insert(cycles[i].learner);
        }
        return static_cast<int>(who.size());
    }

    [[nodiscard]] AggregateFigures figures_of(const Bits& set) const {
        AggregateFigures f;
        std::set<std::size_t> who;
        std::set<std::size_t> partnerships_in;
        for (std::size_t i = 0; i < cycles.size(); ++i) {
            if (!has_bit(set, i))
                continue;
            const CycleFacts& c = cycles[i];
            who.insert(c.learner);
            partnerships_in.insert(c.partnership);
            f.cycles_started += c.sums.cycles_started;
            f.cycles_completed += c.sums.cycles_completed;
            f.cycles_abandoned += c.sums.cycles_abandoned;
            f.stages_completed += c.sums.stages_completed;
            f.evidence_items += c.sums.evidence_items;
        }
        f.learners = static_cast<int>(who.size());
        f.partnerships = static_cast<int>(partnerships_in.size());
        return f;
    }
};

bool same_figures(const AggregateFigures& a, const AggregateFigures& b) {
    return a.learners == b.learners && a.partnerships == b.partnerships &&
           a.cycles_started == b.cycles_started && a.cycles_completed == b.cycles_completed &&
           a.cycles_abandoned == b.cycles_abandoned && a.stages_completed == b.stages_completed &&
           a.evidence_items == b.evidence_items;
}

std::string describe(const std::map<std::string, std::string>& group) {
    if (group.empty())
        return "the total";
    std::string out;
    for (const auto& [d, v] : group)
        out += (out.empty() ? "" : ", ") + d + "=" + v;
    return out;
}

std::string level_of(const std::map<std::string, std::string>& group) {
    std::string out;
    for (const auto& [d, v] : group)
        out += (out.empty() ? "" : "+") + d;
    return out.empty() ? "total" : out;
}

// ---- the attacker ------------------------------------------------------------------------------

/// Everything an attacker holding some tables can work out by subtraction, and what is wrong with
/// it. Each row's cycles come from the programme (Truth), not from the library.
class Attacker {
public:
    Attacker(const Truth& truth, int k) : truth_(truth), k_(k) {}

    /// Reads one table: its rows must agree with every table read before and with the truth.
    void read(const AggregateTable& table) {
        for (const auto& row : table.rows) {
            const std::string name = describe(row.group);
            const Bits cycles = truth_.cycles_of(row.group);
            const AggregateFigures truth = truth_.figures_of(cycles);
            if (row.figures && !same_figures(*row.figures, truth))
                problem("the figures of " + name + " are not what its cycles add up to");
            if (row.figures && truth.learners < k_ && !none(cycles))
                problem(name + " is shown with " + std::to_string(truth.learners) + " learners");
            if (!row.figures) {
                const std::string reason =
                    truth.learners < k_ ? "fewer than k learners" : "protects a suppressed group";
                if (row.suppressed_because != reason)
                    problem(name + " is suppressed because '" + row.suppressed_because +
                            "', expected '" + reason + "'");
            }
            const auto [at, added] =
                rows_.try_emplace(name, Row{level_of(row.group), cycles, row.figures.has_value()});
            if (!added && at->second.shown != row.figures.has_value())
                problem(name + " is shown in one query and suppressed in another");
        }
    }

    /// Subtracts, from every shown group, the shown groups of one grouping strictly inside it,
    /// and again from what is left, three steps deep. Every result must hold no cycles or at
    /// least k learners, and must not be exactly a suppressed group.
    [[nodiscard]] std::vector<std::string> attack() {
        std::map<std::string, std::vector<const Row*>> by_level;
        for (const auto& [name, row] : rows_)
            by_level[row.level].push_back(&row);
        for (const auto& [name, parent] : rows_) {
            if (!parent.shown)
                continue;
            std::vector<std::pair<Bits, std::string>> known{{parent.cycles, name}};
            std::set<Bits> seen;
            for (int step = 0; step < 3 && !known.empty(); ++step) {
                std::vector<std::pair<Bits, std::string>> next;
                for (const auto& [whole, how] : known) {
                    for (const auto& [level, rows] : by_level) {
                        Bits left = whole;
                        bool took = false;
                        for (const Row* r : rows) {
                            if (r->shown && subset(r->cycles, whole) && r->cycles != whole) {
                                for (std::size_t i = 0; i < left.size(); ++i)
                                    left[i] &= ~r->cycles[i];
                                took = true;
                            }
                        }
                        if (!took)
                            continue;
                        const std::string what = how + " − shown " + level + " groups";
                        const int n = truth_.learners_in(left);
                        if (n > 0 && n < k_)
                            problem(what + " leaves " + std::to_string(n) + " learners");
                        for (const auto& [other, row] : rows_) {
                            if (!row.shown && row.cycles == left)
                                problem(what + " gives away the suppressed " + other);
                        }
                        if (!none(left) && seen.insert(left).second)
                            next.emplace_back(left, what);
                    }
                }
                known = std::move(next);
            }
        }
        return problems_;
    }

private:
    struct Row {
        std::string level;
        Bits cycles;
        bool shown = false;
    };
    void problem(std::string text) {
        if (problems_.size() < 20)
            problems_.push_back(std::move(text));
    }

    const Truth& truth_;
    int k_;
    std::map<std::string, Row> rows_;
    std::vector<std::string> problems_;
};

/// Every query: the total, each dimension, each pair.
std::vector<std::vector<AggregateDimension>> all_queries() {
    const std::vector<AggregateDimension> d{AggregateDimension::mode, AggregateDimension::workflow,
                                            AggregateDimension::purpose, AggregateDimension::post,
                                            AggregateDimension::term};
    std::vector<std::vector<AggregateDimension>> out{{}};
    for (const auto a : d)
        out.push_back({a});
    for (std::size_t i = 0; i < d.size(); ++i) {
        for (std::size_t j = i + 1; j < d.size(); ++j)
            out.push_back({d[i], d[j]});
    }
    return out;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines)
        out += "\n  " + l;
    return out;
}

// ---- programmes --------------------------------------------------------------------------------

/// A deterministic pseudo-random sequence (xorshift64*), the same on every platform.
class Sequence {
public:
    explicit Sequence(std::uint64_t seed) : state_(seed * 0x9E3779B97F4A7C15ULL + 1) {}
    std::size_t below(std::size_t n) {
        state_ ^= state_ >> 12;
        state_ ^= state_ << 25;
        state_ ^= state_ >> 27;
        return static_cast<std::size_t>((state_ * 0x2545F4914F6CDD1DULL) >> 33) % n;
    }
    /// An index drawn with the given weights.
    std::size_t pick(const std::vector<int>& weights) {
        int total = 0;
        for (const int w : weights)
            total += w;
        int at = static_cast<int>(below(static_cast<std::size_t>(total)));
        for (std::size_t i = 0; i < weights.size(); ++i) {
            if (at < weights[i])
                return i;
            at -= weights[i];
        }
        return weights.size() - 1;
    }

private:
    std::uint64_t state_;
};

/// "2026-09-07T09:00:00Z" plus `day` days, at `hour`.
std::string on_day(int day, int hour) {
    using namespace std::chrono;
    const year_month_day date{sys_days{year{2026} / September / 7} + days{day}};
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:00:00Z", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()), hour);
    return text;
}

enum class Outcome { open, closed, abandoned };

constexpr const char* kReflection = "The pairs talked more.\n\nWhy did group 3 stall?";

class Aggregates : public ProgrammeTest {
protected:
    void add_test_workflows() override {
        auto teach = stage("teach");
        teach.evidence = {"learner-reflection"};
        add_workflow(registry, "coach-plan-review", "specialist-coaching",
                     {stage("plan"), teach, stage("review")});
        add_workflow(registry, "coach-lesson-study", "specialist-coaching",
                     {stage("plan"), stage("review")});
        add_workflow(registry, "mentor-weekly", "mentoring",
                     {stage("meet"), teach, stage("review")});
        add_workflow(registry, "co-coach-pairs", "co-coaching",
                     {stage("plan"), teach, stage("debrief")});
    }

    void person(const std::string& id, StaffRole role) { add(id, id, role, ""); }

    /// A partnership with a signed agreement. `members`: the first is the coach or mentor (or a
    /// co-coach); learners follow.
    void partner(const std::string& id, const std::string& mode, const std::string& workflow,
                 const std::string& purpose, const std::vector<Member>& members) {
        Partnership p;
        p.id = id;
        p.mode = mode;
        p.workflow = workflow;
        p.purpose = purpose;
        p.members = members;
        engine->add_partnership(p, by("coord", "2026-09-02T08:00:00Z"));
        LearningAgreement a;
        a.partnership = id;
        a.goals = {Goal{"ask better questions", ""}};
        engine->draft_agreement(a, by(members.front().person, "2026-09-02T09:00:00Z"));
        for (const auto& m : members)
            engine->sign_agreement(id, by(m.person, "2026-09-02T09:30:00Z"));
    }

    void coaching(const std::string& id, const std::string& coach, const std::string& learner,
                  const std::string& workflow = "coach-plan-review") {
        partner(id, "specialist-coaching", workflow, "",
                {{coach, "specialist-coach"}, {learner, "professional-learner"}});
    }
    void mentoring(const std::string& id, const std::string& mentor, const std::string& learner,
                   const std::string& purpose = "induction") {
        partner(id, "mentoring", "mentor-weekly", purpose,
                {{mentor, "mentor"}, {learner, "professional-learner"}});
    }

    /// Runs one cycle of `partnership` for `learner` on `day` (days after 2026-09-07): `stages`
    /// stages completed (at most all of them), then closed, abandoned or left open; `evidence`
    /// items stored on its second stage (which needs at least two stages done).
    void cycle(const std::string& partnership, const std::string& learner, int day, Outcome outcome,
               int stages, int evidence = 0) {
        CycleOptions options;
        options.learner = learner;
        const auto started = engine->start_cycle(partnership, options, by(learner, on_day(day, 8)));
        const std::string id = started.events.at(0).cycle;
        for (int s = 0; s < stages && !engine->state().cycle(id)->all_stages_completed(); ++s) {
            if (s == 1 && evidence > 0) {
                engine->start_stage(id, "", by(learner, on_day(day, 11)));
                for (int e = 0; e < evidence; ++e) {
                    EvidenceInput input;
                    input.kind = "learner-reflection";
                    MemoryByteSource bytes(kReflection, "reflection.txt");
                    engine->add_evidence(id, "", input, bytes, by(learner, on_day(day, 11)));
                }
            }
            engine->advance(id, {}, by(learner, on_day(day, 10 + 2 * s)));
        }
        if (outcome == Outcome::closed)
            engine->close_cycle(id, by(learner, on_day(day, 18)));
        if (outcome == Outcome::abandoned)
            engine->abandon_cycle(id, "moved school", by(learner, on_day(day, 18)));
    }

    void set_k(int k) { engine->set_anonymity_k(k, by("coord", "2026-09-01T09:00:00Z")); }

    AggregateTable table(const std::vector<AggregateDimension>& by_dimensions,
                         const std::string& viewer = "coord") {
        return aggregate(engine->state(), viewer, by_dimensions);
    }

    /// The row of `table` for `group` (a failure if it is missing).
    static const AggregateRow& row(const AggregateTable& table,
                                   const std::map<std::string, std::string>& group) {
        for (const auto& r : table.rows) {
            if (r.group == group)
                return r;
        }
        ADD_FAILURE() << "no row for " << describe(group);
        static const AggregateRow missing;
        return missing;
    }

    /// A generated programme: 20 to 80 learners spread unevenly over posts, modes, purposes,
    /// workflows and terms, so that some groups hold one to four learners. Returns how many.
    std::size_t generate(std::uint64_t seed) {
        Sequence random(seed);
        for (const auto* coach : {"c1", "c2", "c3", "c4"})
            person(coach, StaffRole::middle_leader);
        const std::vector<StaffRole> posts{
            StaffRole::teacher,       StaffRole::early_career_teacher,
            StaffRole::trainee,       StaffRole::teaching_assistant,
            StaffRole::middle_leader, StaffRole::hlta};
        const std::vector<int> post_weights{50, 20, 10, 8, 7, 5};
        const std::size_t count = 20 + random.below(61);
        std::vector<std::string> learners;
        for (std::size_t i = 0; i < count; ++i) {
            learners.push_back("l" + std::to_string(i));
            person(learners.back(), posts[random.pick(post_weights)]);
        }
        std::string waiting;  // a learner waiting for a co-coaching partner
        int partnerships = 0;
        auto run_cycles = [&](const std::string& p, const std::vector<std::string>& who) {
            // The first cycle mostly in autumn, some in spring, a few in summer.
            const std::vector<int> starts{0, 120, 215};
            const std::vector<int> spans{100, 80, 80};
            const std::size_t term = random.pick({60, 30, 10});
            int day = starts[term] +
                      static_cast<int>(random.below(static_cast<std::size_t>(spans[term])));
            const std::size_t cycles = 1 + random.below(3);
            for (std::size_t c = 0; c < cycles && day <= 330; ++c) {
                const bool last = c + 1 == cycles;
                const Outcome outcome = last ? static_cast<Outcome>(random.pick({35, 50, 15}))
                                             : static_cast<Outcome>(1 + random.pick({75, 25}));
                const int stages =
                    outcome == Outcome::closed ? 9 : static_cast<int>(random.below(3));
                const int evidence = stages >= 2 && random.below(5) == 0 ? 1 : 0;
                cycle(p, who[c % who.size()], day, outcome, stages, evidence);
                day += 10 + static_cast<int>(random.below(50));
            }
        };
        for (const auto& learner : learners) {
            const std::size_t joined = random.below(10) == 0 ? 2 : 1;
            for (std::size_t j = 0; j < joined; ++j) {
                const std::string p = "p" + std::to_string(++partnerships);
                const std::string coach = "c" + std::to_string(1 + random.below(4));
                switch (random.pick({50, 30, 20})) {
                    case 0:
                        coaching(p, coach, learner,
                                 random.below(10) < 7 ? "coach-plan-review" : "coach-lesson-study");
                        run_cycles(p, {learner});
                        break;
                    case 1: {
                        const std::vector<std::string> purposes{"induction", "progression",
                                                                "challenge"};
                        mentoring(p, coach, learner, purposes[random.pick({50, 35, 15})]);
                        run_cycles(p, {learner});
                        break;
                    }
                    default:
                        if (waiting.empty() || waiting == learner) {
                            waiting = learner;
                            --partnerships;
                            break;
                        }
                        partner(p, "co-coaching", "co-coach-pairs", "",
                                {{waiting, "co-coach"}, {learner, "co-coach"}});
                        run_cycles(p, {waiting, learner});
                        waiting.clear();
                }
            }
        }
        if (!waiting.empty()) {  // no partner came: coached instead
            coaching("p" + std::to_string(++partnerships), "c1", waiting);
            run_cycles("p" + std::to_string(partnerships), {waiting});
        }
        return count;
    }

    /// Runs the attacker on each pair of queries (and each query alone), then on all of them
    /// together; returns what it found, and counts the suppressed rows of each kind.
    std::vector<std::string> attack_every_pair(int k, int& too_few, int& protects) {
        const Truth truth(engine->state());
        std::vector<AggregateTable> tables;
        for (const auto& q : all_queries())
            tables.push_back(table(q));
        too_few = 0;
        protects = 0;
        for (const auto& t : tables) {
            for (const auto& r : t.rows) {
                too_few += r.suppressed_because == "fewer than k learners" ? 1 : 0;
                protects += r.suppressed_because == "protects a suppressed group" ? 1 : 0;
            }
        }
        std::vector<std::string> found;
        for (std::size_t a = 0; a < tables.size(); ++a) {
            for (std::size_t b = a; b < tables.size(); ++b) {
                Attacker attacker(truth, k);
                attacker.read(tables[a]);
                attacker.read(tables[b]);
                for (auto& p : attacker.attack())
                    found.push_back("queries " + std::to_string(a) + " and " + std::to_string(b) +
                                    ": " + p);
            }
        }
        Attacker everything(truth, k);
        for (const auto& t : tables)
            everything.read(t);
        for (auto& p : everything.attack())
            found.push_back("all queries: " + p);
        return found;
    }
};

// ---- the figures -------------------------------------------------------------------------------

TEST_F(Aggregates, TheFiguresCountLearnersPartnershipsCyclesStagesAndEvidence) {
    coaching("sc-amy", "coach", "amy");
    coaching("sc-ben", "coach", "ben");
    mentoring("m-ect", "deputy", "ect", "induction");
    mentoring("m-teach", "coach", "teach", "progression");
    cycle("sc-amy", "amy", 3, Outcome::closed, 3, 1);  // autumn
    cycle("sc-amy", "amy", 30, Outcome::open, 1);
    cycle("sc-ben", "ben", 8, Outcome::abandoned, 1);
    cycle("m-ect", "ect", 130, Outcome::closed, 3);    // 2027-spring
    cycle("m-teach", "teach", 240, Outcome::open, 0);  // 2027-summer
    set_k(2);

    const auto total = table({});
    EXPECT_EQ(total.k, 2);
    EXPECT_TRUE(total.by.empty());
    ASSERT_EQ(total.rows.size(), 1u);
    EXPECT_TRUE(total.rows[0].group.empty());
    ASSERT_TRUE(total.rows[0].figures);
    const AggregateFigures& all = *total.rows[0].figures;
    EXPECT_EQ(all.learners, 4);
    EXPECT_EQ(all.partnerships, 4);
    EXPECT_EQ(all.cycles_started, 5);
    EXPECT_EQ(all.cycles_completed, 2);
    EXPECT_EQ(all.cycles_abandoned, 1);
    EXPECT_EQ(all.stages_completed, 3 + 1 + 1 + 3 + 0);
    EXPECT_EQ(all.evidence_items, 1);

    const auto modes = table({AggregateDimension::mode});
    ASSERT_EQ(modes.rows.size(), 3u);  // mentoring, specialist-coaching, the total last
    EXPECT_EQ(modes.rows[0].group, (std::map<std::string, std::string>{{"mode", "mentoring"}}));
    EXPECT_TRUE(modes.rows[2].group.empty());
    const auto& coached = row(modes, {{"mode", "specialist-coaching"}});
    ASSERT_TRUE(coached.figures);
    EXPECT_EQ(coached.figures->learners, 2);
    EXPECT_EQ(coached.figures->partnerships, 2);
    EXPECT_EQ(coached.figures->cycles_started, 3);
    EXPECT_EQ(coached.figures->cycles_completed, 1);
    EXPECT_EQ(coached.figures->cycles_abandoned, 1);
    EXPECT_EQ(coached.figures->stages_completed, 5);
    EXPECT_EQ(coached.figures->evidence_items, 1);
    const auto& mentored = row(modes, {{"mode", "mentoring"}});
    ASSERT_TRUE(mentored.figures);
    EXPECT_EQ(mentored.figures->learners, 2);
    EXPECT_EQ(mentored.figures->cycles_started, 2);
    EXPECT_EQ(mentored.figures->cycles_completed, 1);
    EXPECT_EQ(mentored.figures->cycles_abandoned, 0);
    EXPECT_EQ(mentored.figures->stages_completed, 3);
    EXPECT_EQ(mentored.figures->evidence_items, 0);
    EXPECT_EQ(modes.suppressed(), 0u);

    // Terms come from the start date; the spring and summer groups hold one learner each.
    const auto terms = table({AggregateDimension::term});
    const auto& autumn = row(terms, {{"term", "2026-autumn"}});
    ASSERT_TRUE(autumn.figures);
    EXPECT_EQ(autumn.figures->cycles_started, 3);
    EXPECT_EQ(row(terms, {{"term", "2027-spring"}}).suppressed_because, "fewer than k learners");
    EXPECT_EQ(row(terms, {{"term", "2027-summer"}}).suppressed_because, "fewer than k learners");

    // Purpose is the partnership's, "none" outside mentoring.
    const auto purposes = table({AggregateDimension::purpose});
    ASSERT_TRUE(row(purposes, {{"purpose", "none"}}).figures);
    EXPECT_EQ(row(purposes, {{"purpose", "none"}}).figures->learners, 2);
    EXPECT_FALSE(row(purposes, {{"purpose", "induction"}}).figures);

    // A pair: cells, then each subtotal after its cells, then the other dimension's subtotals,
    // then the total.
    const auto pair = table({AggregateDimension::mode, AggregateDimension::workflow});
    std::vector<std::string> order;
    for (const auto& r : pair.rows)
        order.push_back(describe(r.group));
    EXPECT_EQ(order,
              (std::vector<std::string>{"mode=mentoring, workflow=mentor-weekly", "mode=mentoring",
                                        "mode=specialist-coaching, workflow=coach-plan-review",
                                        "mode=specialist-coaching", "workflow=coach-plan-review",
                                        "workflow=mentor-weekly", "the total"}));
    EXPECT_EQ(pair.suppressed(), 0u);
}

TEST_F(Aggregates, AProgrammeWithoutCyclesHasATotalOfZeros) {
    const auto t = table({AggregateDimension::post});
    ASSERT_EQ(t.rows.size(), 1u);
    ASSERT_TRUE(t.rows[0].figures);
    EXPECT_EQ(t.rows[0].figures->cycles_started, 0);
    EXPECT_EQ(t.rows[0].figures->learners, 0);
}

// ---- primary and secondary suppression ---------------------------------------------------------

class Suppression : public Aggregates {
protected:
    /// Learners a1..aN in coaching, m1..mN in mentoring, one cycle each in autumn.
    void two_modes(int coached, int mentored) {
        for (int i = 1; i <= coached; ++i) {
            const std::string id = "a" + std::to_string(i);
            person(id, StaffRole::teacher);
            coaching("sc-" + id, "coach", id);
            cycle("sc-" + id, id, i, Outcome::closed, 3);
        }
        for (int i = 1; i <= mentored; ++i) {
            const std::string id = "m" + std::to_string(i);
            person(id, StaffRole::teacher);
            mentoring("m-" + id, "coach", id);
            cycle("m-" + id, id, i, Outcome::closed, 3);
        }
    }
};

TEST_F(Suppression, AGroupOfKLearnersIsShownAndOfKMinusOneSuppressed) {
    two_modes(3, 3);
    set_k(3);
    auto modes = table({AggregateDimension::mode});
    ASSERT_TRUE(row(modes, {{"mode", "specialist-coaching"}}).figures);
    EXPECT_EQ(row(modes, {{"mode", "specialist-coaching"}}).figures->learners, 3);
    ASSERT_TRUE(row(modes, {{"mode", "mentoring"}}).figures);
    EXPECT_EQ(modes.suppressed(), 0u);

    set_k(4);
    modes = table({AggregateDimension::mode});
    EXPECT_EQ(modes.k, 4);
    for (const auto* mode : {"specialist-coaching", "mentoring"}) {
        const auto& r = row(modes, {{"mode", mode}});
        EXPECT_FALSE(r.figures) << mode;
        EXPECT_EQ(r.suppressed_because, "fewer than k learners") << mode;
    }
    ASSERT_TRUE(modes.rows.back().figures) << "the total has 6 learners";
    EXPECT_EQ(modes.rows.back().figures->learners, 6);
    EXPECT_EQ(modes.suppressed(), 2u);

    // The whole programme below k: even the total is suppressed.
    set_k(7);
    const auto total = table({});
    ASSERT_EQ(total.rows.size(), 1u);
    EXPECT_FALSE(total.rows[0].figures);
    EXPECT_EQ(total.rows[0].suppressed_because, "fewer than k learners");
}

TEST_F(Suppression, TheSmallestOtherGroupIsSuppressedSoTheTotalCannotIsolateOne) {
    // Everyone in coaching in the autumn; five teachers, three ECTs, two trainees.
    int n = 0;
    for (const auto& [post, count] :
         std::vector<std::pair<StaffRole, int>>{{StaffRole::teacher, 5},
                                                {StaffRole::early_career_teacher, 3},
                                                {StaffRole::trainee, 2}}) {
        for (int i = 0; i < count; ++i) {
            const std::string id = "s" + std::to_string(++n);
            person(id, post);
            coaching("p-" + id, "coach", id);
            cycle("p-" + id, id, n, Outcome::closed, 3);
        }
    }
    set_k(3);

    const auto posts = table({AggregateDimension::post});
    EXPECT_EQ(row(posts, {{"post", "trainee"}}).suppressed_because, "fewer than k learners");
    // total − teachers − ECTs would be the two trainees; the ECTs are the smaller group.
    EXPECT_EQ(row(posts, {{"post", "early-career-teacher"}}).suppressed_because,
              "protects a suppressed group");
    ASSERT_TRUE(row(posts, {{"post", "teacher"}}).figures);
    EXPECT_EQ(row(posts, {{"post", "teacher"}}).figures->learners, 5);
    ASSERT_TRUE(posts.rows.back().figures);
    EXPECT_EQ(posts.rows.back().figures->learners, 10);
    EXPECT_EQ(posts.suppressed(), 2u);
}

TEST_F(Suppression, ALearnerInTwoTermsIsCountedInWhatSubtractionLeaves) {
    // a1..a3 in autumn; a1 again in spring. total − autumn is a1's spring cycle: one learner,
    // although the learner counts differ by nothing (3 − 3).
    for (const auto* id : {"a1", "a2", "a3"}) {
        person(id, StaffRole::teacher);
        coaching(std::string("sc-") + id, "coach", id);
        cycle(std::string("sc-") + id, id, 5, Outcome::closed, 3);
    }
    cycle("sc-a1", "a1", 130, Outcome::open, 1);
    set_k(3);
    const auto terms = table({AggregateDimension::term});
    EXPECT_EQ(row(terms, {{"term", "2027-spring"}}).suppressed_because, "fewer than k learners");
    EXPECT_EQ(row(terms, {{"term", "2026-autumn"}}).suppressed_because,
              "protects a suppressed group");
    ASSERT_TRUE(terms.rows.back().figures);
    EXPECT_EQ(terms.rows.back().figures->learners, 3);
    EXPECT_EQ(terms.rows.back().figures->cycles_started, 4);
}

TEST_F(Suppression, OneGroupInsideAnotherOfADifferentDimensionCannotBeSubtracted) {
    // Every coached learner is a teacher, and one more teacher is mentored: "teachers" minus
    // "coaching" would be that one teacher's cycles.
    for (const auto* id : {"t1", "t2", "t3", "t4"})
        person(id, StaffRole::teacher);
    for (const auto* id : {"e1", "e2", "e3"})
        person(id, StaffRole::early_career_teacher);
    for (const auto* id : {"t1", "t2", "t3"}) {
        coaching(std::string("sc-") + id, "coach", id);
        cycle(std::string("sc-") + id, id, 3, Outcome::closed, 3);
    }
    for (const auto* id : {"t4", "e1", "e2", "e3"}) {
        mentoring(std::string("m-") + id, "coach", id);
        cycle(std::string("m-") + id, id, 3, Outcome::closed, 3);
    }
    set_k(3);
    const auto posts = table({AggregateDimension::post});
    const auto modes = table({AggregateDimension::mode});
    // Each group is at least k learners, but "teachers" − "coaching" and "mentoring" − "ECTs" are
    // t4 alone: of each pair, one is suppressed.
    for (const auto& r : modes.rows)
        EXPECT_TRUE(r.figures || r.suppressed_because == "protects a suppressed group");
    EXPECT_FALSE(row(posts, {{"post", "teacher"}}).figures &&
                 row(modes, {{"mode", "specialist-coaching"}}).figures);
    EXPECT_FALSE(row(posts, {{"post", "early-career-teacher"}}).figures &&
                 row(modes, {{"mode", "mentoring"}}).figures);
    ASSERT_TRUE(posts.rows.back().figures);
    EXPECT_EQ(posts.rows.back().figures->learners, 7);

    const Truth truth(engine->state());
    Attacker attacker(truth, 3);
    attacker.read(posts);
    attacker.read(modes);
    const auto found = attacker.attack();
    EXPECT_TRUE(found.empty()) << joined(found);
}

TEST_F(Suppression, ACellSuppressedForItsRowIsNeverAloneInItsColumn) {
    // Two modes by two posts. The cell (mentoring, trainee) has one learner; suppressing a second
    // cell in its row and then in its column must leave no row or column with one suppressed cell,
    // or the chain row − cells, column − cell would give the small cell away.
    int n = 0;
    auto learner = [&](StaffRole post, bool coached, int day) {
        const std::string id = "s" + std::to_string(++n);
        person(id, post);
        if (coached)
            coaching("p-" + id, "coach", id);
        else
            mentoring("p-" + id, "coach", id);
        cycle("p-" + id, id, day, Outcome::closed, 3);
    };
    for (int i = 0; i < 6; ++i)
        learner(StaffRole::teacher, true, i);
    for (int i = 0; i < 5; ++i)
        learner(StaffRole::teacher, false, i);
    for (int i = 0; i < 4; ++i)
        learner(StaffRole::trainee, true, i);
    learner(StaffRole::trainee, false, 1);
    set_k(3);
    const auto cells = table({AggregateDimension::mode, AggregateDimension::post});
    EXPECT_EQ(row(cells, {{"mode", "mentoring"}, {"post", "trainee"}}).suppressed_because,
              "fewer than k learners");
    for (const auto& [line, key] :
         std::vector<std::pair<std::string, std::string>>{{"mode", "mentoring"},
                                                          {"mode", "specialist-coaching"},
                                                          {"post", "teacher"},
                                                          {"post", "trainee"}}) {
        int suppressed = 0;
        for (const auto& r : cells.rows) {
            if (r.group.size() == 2 && r.group.at(line) == key && !r.figures)
                ++suppressed;
        }
        EXPECT_NE(suppressed, 1) << line << "=" << key << " has a lone suppressed cell";
    }
    const Truth truth(engine->state());
    Attacker attacker(truth, 3);
    attacker.read(cells);
    const auto found = attacker.attack();
    EXPECT_TRUE(found.empty()) << joined(found);
}

// ---- differencing attacks on generated programmes ----------------------------------------------

/// One generated programme per seed.
class GeneratedProgrammes : public Aggregates,
                            public ::testing::WithParamInterface<std::uint64_t> {};

TEST_P(GeneratedProgrammes, NoPairOfQueriesIsolatesASmallGroup) {
    const std::size_t learners = generate(GetParam());
    EXPECT_GE(learners, 20u);
    EXPECT_LE(learners, 80u);
    for (const int k : {2, 3, 5}) {
        SCOPED_TRACE("k " + std::to_string(k));
        set_k(k);
        int too_few = 0;
        int protects = 0;
        const auto found = attack_every_pair(k, too_few, protects);
        EXPECT_TRUE(found.empty()) << found.size() << " problems:" << joined(found);
        // The programmes are uneven enough for both rules to have work to do.
        EXPECT_GT(too_few, 0);
        EXPECT_GT(protects, 0);
        // And the protection leaves the single-dimension tables useful: at least half of the
        // groups of k or more learners are still shown (nine in ten on average over 300 seeds).
        const Truth truth(engine->state());
        int large = 0;
        int shown = 0;
        for (const auto d :
             {AggregateDimension::mode, AggregateDimension::workflow, AggregateDimension::purpose,
              AggregateDimension::post, AggregateDimension::term}) {
            for (const auto& r : table({d}).rows) {
                if (r.group.empty() || truth.learners_in(truth.cycles_of(r.group)) < k)
                    continue;
                ++large;
                shown += r.figures ? 1 : 0;
            }
        }
        EXPECT_GE(shown * 2, large) << shown << " of " << large << " groups shown";
    }
}

INSTANTIATE_TEST_SUITE_P(Seeds, GeneratedProgrammes,
                         ::testing::Range(std::uint64_t{1}, std::uint64_t{9}));

TEST_F(Aggregates, TheAttackerFindsWhatPrimarySuppressionAloneLetsOut) {
    (void)generate(5);
    set_k(5);
    const Truth truth(engine->state());
    Attacker attacker(truth, 5);
    int revealed = 0;
    for (const auto& q : all_queries()) {
        AggregateTable t = table(q);
        // Undo the secondary suppression: show what it hid.
        for (auto& r : t.rows) {
            if (r.suppressed_because == "protects a suppressed group") {
                r.figures = truth.figures_of(truth.cycles_of(r.group));
                r.suppressed_because.clear();
                ++revealed;
            }
        }
        attacker.read(t);
    }
    ASSERT_GT(revealed, 0);
    EXPECT_FALSE(attacker.attack().empty());
}

TEST_F(Aggregates, EveryQueryShowsAGroupTheSameWay) {
    (void)generate(6);
    set_k(3);
    std::map<std::string, std::optional<AggregateFigures>> seen;
    for (const auto& q : all_queries()) {
        for (const auto& r : table(q).rows) {
            const auto [at, added] = seen.emplace(describe(r.group), r.figures);
            if (added)
                continue;
            EXPECT_EQ(at->second.has_value(), r.figures.has_value()) << describe(r.group);
            if (at->second && r.figures) {
                EXPECT_TRUE(same_figures(*at->second, *r.figures)) << describe(r.group);
            }
        }
    }
}

// ---- who may ask, and what -----------------------------------------------------------------

TEST_F(Aggregates, OnlyTheCoordinatorLeadersAndIntegrationsMayAsk) {
    person("mis", StaffRole::integration);
    person("mentor", StaffRole::teacher);
    mentoring("m-ect", "mentor", "ect");
    cycle("m-ect", "ect", 3, Outcome::closed, 3);
    for (const auto* allowed : {"coord", "head", "deputy", "mis"})
        EXPECT_NO_THROW((void)table({AggregateDimension::mode}, allowed)) << allowed;

    // A teacher, a mentor, and a line manager (coach manages teach) are refused.
    for (const auto* refused : {"teach", "mentor", "coach"}) {
        try {
            (void)table({AggregateDimension::mode}, refused);
            ADD_FAILURE() << refused << " was given aggregates";
        } catch (const AccessDeniedError& e) {
            EXPECT_EQ(e.rule(), "aggregate-viewer") << refused;
            EXPECT_NE(std::string(e.what()).find("only the coaching co-ordinator"),
                      std::string::npos)
                << e.what();
        }
    }
    try {
        (void)table({}, "ghost");
        ADD_FAILURE() << "an unknown viewer was given aggregates";
    } catch (const AccessDeniedError& e) {
        EXPECT_EQ(e.rule(), "unknown-viewer");
        EXPECT_NE(std::string(e.what()).find("'ghost'"), std::string::npos) << e.what();
    }
}

TEST_F(Aggregates, AtMostTwoDifferentDimensions) {
    using D = AggregateDimension;
    try {
        (void)table({D::mode, D::post, D::term});
        ADD_FAILURE() << "three dimensions were accepted";
    } catch (const AccessDeniedError&) {
        ADD_FAILURE() << "a bad query is not a refusal";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("at most two dimensions, not 3 (mode, post, term)"),
                  std::string::npos)
            << e.what();
    }
    try {
        (void)table({D::post, D::post});
        ADD_FAILURE() << "a dimension named twice was accepted";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("'post' twice"), std::string::npos) << e.what();
    }
    // The viewer is checked first: a refused viewer learns nothing, not even that the query
    // was bad.
    EXPECT_THROW((void)table({D::post, D::post}, "teach"), AccessDeniedError);
}

TEST(AggregateDimensions, NamesRoundTrip) {
    for (const auto* name : {"mode", "workflow", "purpose", "post", "term"}) {
        const auto d = parse_aggregate_dimension(name);
        ASSERT_TRUE(d) << name;
        EXPECT_EQ(to_string(*d), name);
    }
    EXPECT_FALSE(parse_aggregate_dimension("learner"));
    EXPECT_FALSE(parse_aggregate_dimension("Mode"));
    EXPECT_FALSE(parse_aggregate_dimension(""));
}

TEST_F(Suppression, JsonLeavesSuppressedFiguresOutRatherThanZero) {
    two_modes(3, 2);
    set_k(3);
    const auto json = to_json(table({AggregateDimension::mode}));
    EXPECT_EQ(json.at("schema").as_string(), "coachkit.aggregate/1");
    EXPECT_EQ(json.at("k").as_int64(), 3);
    ASSERT_EQ(json.at("by").as_array().size(), 1u);
    EXPECT_EQ(json.at("by").as_array()[0].as_string(), "mode");
    const auto& rows = json.at("rows").as_array();
    ASSERT_EQ(rows.size(), 3u);
    const auto& mentoring_row = rows[0].as_object();
    EXPECT_EQ(mentoring_row.at("group").at("mode").as_string(), "mentoring");
    EXPECT_FALSE(mentoring_row.contains("figures"));
    EXPECT_EQ(mentoring_row.at("suppressed").as_string(), "fewer than k learners");
    const auto& total = rows[2].as_object();
    EXPECT_TRUE(total.at("group").as_object().empty());
    EXPECT_FALSE(total.contains("suppressed"));
    const auto& figures = total.at("figures").as_object();
    EXPECT_EQ(figures.at("learners").as_int64(), 5);
    EXPECT_EQ(figures.at("cycles_started").as_int64(), 5);
    for (const auto* key : {"partnerships", "cycles_completed", "cycles_abandoned",
                            "stages_completed", "evidence_items"})
        EXPECT_TRUE(figures.contains(key)) << key;
}

}  // namespace
}  // namespace coachkit::testing
