// The conformance suite every EventStore passes: the memory store and the SQLite store run the same
// tests. An integrator's store (PostgreSQL, say) can be added to `StoreKinds` the same way.
#include <gtest/gtest.h>

#include <atomic>
#include <bit>
#include <limits>
#include <thread>

#include "journal_support.hpp"

using namespace coachkit;
using namespace coachkit::test;

namespace {

struct MemoryKind {
    static constexpr const char* name = "Memory";
    std::unique_ptr<EventStore> open() { return make_memory_store(); }
};

struct SqliteKind {
    static constexpr const char* name = "Sqlite";
    TempFolder folder;
    std::unique_ptr<EventStore> open() { return open_sqlite_store(folder / "journal.coachkit"); }
};

template <typename Kind>
class StoreConformance : public ::testing::Test {
protected:
    Kind kind;
    std::unique_ptr<EventStore> store = kind.open();
};

struct KindNames {
    template <typename Kind>
    static std::string GetName(int) {
        return Kind::name;
    }
};

using StoreKinds = ::testing::Types<MemoryKind, SqliteKind>;
TYPED_TEST_SUITE(StoreConformance, StoreKinds, KindNames);

}  // namespace

TYPED_TEST(StoreConformance, StartsEmpty) {
    EXPECT_EQ(this->store->last_sequence(), 0);
    EXPECT_TRUE(this->store->read().empty());
}

TYPED_TEST(StoreConformance, AppendAssignsTheNextSequencesFromOne) {
    auto batch = sample_batch(3);
    batch[0].sequence = 42;  // whatever the caller put there is replaced
    const auto first = this->store->append(batch);
    EXPECT_EQ(sequences(first), one_to(3));
    const auto second = this->store->append(sample_batch(2, 4));
    EXPECT_EQ(sequences(second), (std::vector<std::int64_t>{4, 5}));
    EXPECT_EQ(this->store->last_sequence(), 5);
    EXPECT_EQ(sequences(this->store->read()), one_to(5));
}

TYPED_TEST(StoreConformance, ReadGivesBackExactlyWhatWasAppended) {
    auto batch = sample_batch(4);
    batch[1].partnership.clear();  // a programme-wide event
    batch[1].cycle.clear();
    batch[2].data = {};
    batch[3].data["text"] = "caf\xC3\xA9, \"quotes\", \\ and a\nnew line";
    batch[3].data["big"] = std::int64_t{9'007'199'254'740'993};
    const auto appended = this->store->append(batch);
    const auto read = this->store->read();
    ASSERT_EQ(read.size(), batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) {
        EXPECT_EQ(dump(read[i]), dump(appended[i]));
        batch[i].sequence = static_cast<std::int64_t>(i + 1);
        EXPECT_EQ(dump(read[i]), dump(batch[i]));
    }
}

// Numbers in data come back as the same numbers: whole numbers beyond 2^53, and doubles to the
// last bit, including those that need all 17 significant digits (which a parser that is not
// correctly rounded gets wrong by one unit in the last place).
TYPED_TEST(StoreConformance, NumbersInDataComeBackBitForBit) {
    auto event = sample_event();
    boost::json::array numbers = {0.1,
                                  0.1 + 0.2,
                                  1.0 / 3.0,
                                  -957951.54316654592,
                                  -387626.64652508684,
                                  6.02214076e23,
                                  4.9406564584124654e-324,
                                  1.7976931348623157e308,
                                  -0.0,
                                  std::int64_t{-9'223'372'036'854'775'807 - 1},
                                  std::uint64_t{18'446'744'073'709'551'615u}};
    event.data["numbers"] = numbers;
    this->store->append({event});
    const auto read = this->store->read();
    ASSERT_EQ(read.size(), 1u);
    const auto& back = read[0].data.at("numbers").as_array();
    ASSERT_EQ(back.size(), numbers.size());
    for (std::size_t i = 0; i < numbers.size(); ++i) {
        EXPECT_EQ(back[i].kind(), numbers[i].kind()) << i;
        if (numbers[i].is_double()) {
            EXPECT_EQ(std::bit_cast<std::uint64_t>(back[i].as_double()),
                      std::bit_cast<std::uint64_t>(numbers[i].as_double()))
                << boost::json::serialize(numbers[i]) << " came back as "
                << boost::json::serialize(back[i]);
        } else {
            EXPECT_EQ(back[i], numbers[i]) << i;
        }
    }
}

TYPED_TEST(StoreConformance, MatchingExpectedLastAppends) {
    EXPECT_EQ(sequences(this->store->append(sample_batch(2), 0)), one_to(2));
    EXPECT_EQ(sequences(this->store->append(sample_batch(1), 2)), std::vector<std::int64_t>{3});
}

TYPED_TEST(StoreConformance, StaleExpectedLastThrowsConcurrencyErrorAndWritesNothing) {
    this->store->append(sample_batch(3));
    for (const std::int64_t stale : {0, 2, 4, 100}) {
        try {
            this->store->append(sample_batch(2), stale);
            ADD_FAILURE() << "appended with expected_last " << stale;
        } catch (const ConcurrencyError& e) {
            const std::string message = e.what();
            EXPECT_NE(message.find("expected the last sequence to be " + std::to_string(stale) +
                                   ", it is 3"),
                      std::string::npos)
                << message;
            EXPECT_NE(message.find("nothing was written"), std::string::npos) << message;
        }
        EXPECT_EQ(this->store->last_sequence(), 3);
    }
    // A ConcurrencyError is a StoreError, so one handler can catch every store failure.
    EXPECT_THROW(this->store->append(sample_batch(1), 1), StoreError);
    EXPECT_EQ(sequences(this->store->read()), one_to(3));
}

TYPED_TEST(StoreConformance, ABatchIsAllOrNothing) {
    this->store->append(sample_batch(2));
    auto batch = sample_batch(4, 3);
    batch[2].at = "2026-11-22 14:05";
    batch[3].actor.clear();
    batch[3].type = "Cycle";
    try {
        this->store->append(batch);
        FAIL() << "an invalid event was appended";
    } catch (const InvalidDocumentError& e) {
        const auto& problems = e.diagnostics();
        ASSERT_EQ(problems.size(), 3u) << describe(problems);
        EXPECT_EQ(problems[0].pointer, "/2/at");
        EXPECT_EQ(problems[1].pointer, "/3/type");
        EXPECT_EQ(problems[2].pointer, "/3/actor");
        EXPECT_EQ(problems[2].message, "'actor' must not be empty");
    }
    // The two good events in front of the bad ones were not written either.
    EXPECT_EQ(this->store->last_sequence(), 2);
    EXPECT_EQ(sequences(this->store->append(sample_batch(1))), std::vector<std::int64_t>{3});
}

TYPED_TEST(StoreConformance, EveryRequiredFieldIsCheckedBeforeWriting) {
    for (int field = 0; field < 4; ++field) {
        auto event = sample_event();
        std::string* target[] = {&event.type, &event.at, &event.actor, &event.programme};
        target[field]->clear();
        EXPECT_THROW(this->store->append({event}), InvalidDocumentError) << field;
    }
    EXPECT_EQ(this->store->last_sequence(), 0);
}

TYPED_TEST(StoreConformance, AnEmptyAppendWritesNothingButStillChecksExpectedLast) {
    this->store->append(sample_batch(2));
    EXPECT_TRUE(this->store->append({}).empty());
    EXPECT_TRUE(this->store->append({}, 2).empty());
    EXPECT_THROW(this->store->append({}, 1), ConcurrencyError);
    EXPECT_EQ(this->store->last_sequence(), 2);
}

TYPED_TEST(StoreConformance, ReadsAfterASequenceUpToALimit) {
    this->store->append(sample_batch(10));
    EXPECT_EQ(sequences(this->store->read(3)), (std::vector<std::int64_t>{4, 5, 6, 7, 8, 9, 10}));
    EXPECT_EQ(sequences(this->store->read(3, 2)), (std::vector<std::int64_t>{4, 5}));
    EXPECT_EQ(sequences(this->store->read(8, 5)), (std::vector<std::int64_t>{9, 10}));
    EXPECT_TRUE(this->store->read(10).empty());
    EXPECT_TRUE(this->store->read(1000).empty());
    EXPECT_TRUE(this->store->read(0, 0).empty());
    EXPECT_EQ(sequences(this->store->read(-5, 1)), std::vector<std::int64_t>{1});
    EXPECT_EQ(sequences(this->store->read(0, std::numeric_limits<std::size_t>::max())), one_to(10));
    // Paging through the journal gives every event once, in order.
    std::vector<std::int64_t> paged;
    for (auto page = this->store->read(0, 3); !page.empty();
         page = this->store->read(page.back().sequence, 3)) {
        for (const auto& e : page)
            paged.push_back(e.sequence);
    }
    EXPECT_EQ(paged, one_to(10));
}

// Writers on several threads that reload and retry on ConcurrencyError, as the programme engine
// will: every batch lands whole, in one piece, and the journal has no gaps.
TYPED_TEST(StoreConformance, ConcurrentWritersWithRetriesStayGapless) {
    constexpr int kThreads = 4;
    constexpr int kBatches = 8;
    std::atomic<int> conflicts{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int b = 0; b < kBatches; ++b) {
                auto batch = sample_batch(2);
                for (auto& e : batch)
                    e.data["writer"] = t * 100 + b;
                while (true) {
                    try {
                        this->store->append(batch, this->store->last_sequence());
                        break;
                    } catch (const ConcurrencyError&) {
                        ++conflicts;
                    }
                }
            }
        });
    }
    for (auto& thread : threads)
        thread.join();
    const auto events = this->store->read();
    ASSERT_EQ(sequences(events), one_to(kThreads * kBatches * 2));
    for (std::size_t i = 0; i < events.size(); i += 2)
        EXPECT_EQ(events[i].data.at("writer"), events[i + 1].data.at("writer")) << i;
    this->RecordProperty("conflicts", conflicts.load());
}
