// The audit log: SHA-256, the canonical form, building the chain in both logs (memory and SQLite),
// verification, and tampering with a SQLite store's audit table found at the right entry.
#include "coachkit/privacy/audit.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <boost/json/serialize.hpp>
#include <cmath>
#include <filesystem>
#include <limits>
#include <stdexcept>
#include <thread>

#include "coachkit/journal/store.hpp"

using namespace coachkit;
namespace fs = std::filesystem;

namespace {

/// A fresh, empty folder of its own, removed with the object.
class TempFolder {
public:
    TempFolder() {
        static std::atomic<int> counter{0};
        path_ = fs::temp_directory_path() / ("coachkit-audit-test-" + std::to_string(::getpid()) +
                                             "-" + std::to_string(counter++));
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    ~TempFolder() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    [[nodiscard]] fs::path operator/(const std::string& name) const { return path_ / name; }

private:
    fs::path path_;
};

/// A plain SQLite connection to a store file: the tamperer's.
class RawDatabase {
public:
    explicit RawDatabase(const fs::path& file) {
        if (sqlite3_open(file.string().c_str(), &db_) != SQLITE_OK) {
            const std::string message = sqlite3_errmsg(db_);
            sqlite3_close(db_);
            throw std::runtime_error(file.string() + ": " + message);
        }
        sqlite3_busy_timeout(db_, 10'000);
    }
    RawDatabase(const RawDatabase&) = delete;
    RawDatabase& operator=(const RawDatabase&) = delete;
    ~RawDatabase() { sqlite3_close(db_); }

    void exec(const std::string& sql) {
        char* error = nullptr;
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
            const std::string message = error ? error : "unknown error";
            sqlite3_free(error);
            throw std::runtime_error(sql + ": " + message);
        }
    }

    std::string value(const std::string& sql) {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK)
            throw std::runtime_error(sql + ": " + sqlite3_errmsg(db_));
        std::string out;
        if (sqlite3_step(statement) == SQLITE_ROW) {
            const auto* text = sqlite3_column_text(statement, 0);
            out = text ? reinterpret_cast<const char*>(text) : "NULL";
        }
        sqlite3_finalize(statement);
        return out;
    }

    /// Lets the tamperer change and remove entries, as anyone with the file can.
    void drop_audit_guards() {
        exec(
            "DROP TRIGGER IF EXISTS audit_entries_are_never_changed;"
            "DROP TRIGGER IF EXISTS audit_entries_are_never_removed;");
    }

private:
    sqlite3* db_ = nullptr;
};

AuditEntry entry(const std::string& actor, const std::string& record, int number = 0) {
    AuditEntry e;
    e.at = "2026-11-22T14:05:0" + std::to_string(number % 10) + "Z";
    e.actor = actor;
    e.action = "read";
    e.record = record;
    e.access = "allow";
    e.via = "cli programme show";
    e.detail = {{"number", number}, {"scope", "co-ordinator"}};
    return e;
}

/// `count` entries: "olu" reading the notes of cycle c-1, in turn.
std::vector<AuditEntry> reads(int count, int first = 1) {
    std::vector<AuditEntry> out;
    for (int i = first; i < first + count; ++i)
        out.push_back(entry("olu", "note:c-1/observe/" + std::to_string(i), i));
    return out;
}

std::vector<std::int64_t> sequences(const std::vector<AuditEntry>& entries) {
    std::vector<std::int64_t> out;
    for (const auto& e : entries)
        out.push_back(e.sequence);
    return out;
}

/// A log that gives back whatever entries it holds, exactly: for checking verify_audit on logs
/// no real AuditLog would produce (out of order, starting late).
class FixedLog final : public AuditLog {
public:
    explicit FixedLog(std::vector<AuditEntry> entries) : entries_(std::move(entries)) {}
    std::vector<AuditEntry> append(std::vector<AuditEntry>) override {
        throw std::logic_error("read-only");
    }
    [[nodiscard]] std::vector<AuditEntry> read(std::int64_t after,
                                               std::optional<std::size_t> limit) const override {
        std::vector<AuditEntry> out;
        for (const auto& e : entries_) {
            if (e.sequence > after && (!limit || out.size() < *limit))
                out.push_back(e);
        }
        return out;
    }

private:
    std::vector<AuditEntry> entries_;
};

/// A properly chained list of `count` entries, made with the memory log.
std::vector<AuditEntry> chained(int count) {
    auto log = make_memory_audit_log();
    return log->append(reads(count));
}

}  // namespace

// ---- SHA-256 and the canonical form ----------------------------------------------------------

// FIPS 180-2, appendix B: the one-block message, the empty message (its well-known digest), and
// the two-block 448-bit message.
TEST(AuditHash, Sha256MatchesTheFipsTestVectors) {
    EXPECT_EQ(sha256_hex("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    // Bytes, not C strings: a NUL inside counts.
    EXPECT_NE(sha256_hex(std::string_view("a\0b", 3)), sha256_hex("a"));
}

TEST(AuditHash, TheGenesisHashIs64Zeros) {
    EXPECT_EQ(audit_genesis_hash(), std::string(64, '0'));
}

TEST(AuditCanonicalForm, IsCompactJsonWithTheKeysInTheDocumentedOrder) {
    AuditEntry e;
    e.sequence = 7;
    e.at = "2026-11-22T14:05:00Z";
    e.actor = "olu";
    e.action = "read";
    e.record = "note:c-1/observe/1";
    e.access = "redacted";
    e.via = "cli programme show";
    e.detail = {{"zeta", 1}, {"alpha", {{"b", true}, {"a", nullptr}}}, {"list", {3, "x"}}};
    e.previous = std::string(64, 'a');
    e.hash = "not covered";
    EXPECT_EQ(audit_canonical_form(e),
              "{\"sequence\":7,\"at\":\"2026-11-22T14:05:00Z\",\"actor\":\"olu\","
              "\"action\":\"read\",\"record\":\"note:c-1/observe/1\",\"access\":\"redacted\","
              "\"via\":\"cli programme show\","
              "\"detail\":{\"alpha\":{\"a\":null,\"b\":true},\"list\":[3,\"x\"],\"zeta\":1},"
              "\"previous\":\"" +
                  std::string(64, 'a') + "\"}");
}

TEST(AuditCanonicalForm, EmptyFieldsAreStillWritten) {
    AuditEntry e;
    EXPECT_EQ(audit_canonical_form(e),
              "{\"sequence\":0,\"at\":\"\",\"actor\":\"\",\"action\":\"\",\"record\":\"\","
              "\"access\":\"\",\"via\":\"\",\"detail\":{},\"previous\":\"\"}");
}

TEST(AuditCanonicalForm, TextsAreEscapedAsDocumented) {
    AuditEntry e;
    e.actor = "a\"b\\c/d\b\f\n\r\t\x01\x1f\x7f caf\xC3\xA9";
    const std::string form = audit_canonical_form(e);
    EXPECT_NE(form.find("\"actor\":\"a\\\"b\\\\c/d\\b\\f\\n\\r\\t\\u0001\\u001f\x7f caf\xC3\xA9\""),
              std::string::npos)
        << form;
}

TEST(AuditCanonicalForm, NumbersAreWrittenAsDocumented) {
    AuditEntry e;
    e.detail = {{"a", 0.1},
                {"b", 2.0},
                {"c", -0.0},
                {"d", 1.5e300},
                {"e", 2.5e-7},
                {"f", std::int64_t{-9'223'372'036'854'775'807 - 1}},
                {"g", std::uint64_t{18'446'744'073'709'551'615u}}};
    const std::string form = audit_canonical_form(e);
    EXPECT_NE(form.find("\"detail\":{\"a\":1E-1,\"b\":2E0,\"c\":-0E0,\"d\":1.5E300,\"e\":2.5E-7,"
                        "\"f\":-9223372036854775808,\"g\":18446744073709551615}"),
              std::string::npos)
        << form;
}

TEST(AuditCanonicalForm, TheSameEntryAlwaysGivesTheSameBytes) {
    AuditEntry a = entry("olu", "cycle:c-1");
    a.detail = {{"scope", "co-ordinator"}, {"nested", {{"y", 1}, {"x", 2}}}, {"k", 5}};
    AuditEntry b = a;
    b.detail = {{"k", 5}, {"nested", {{"x", 2}, {"y", 1}}}, {"scope", "co-ordinator"}};
    b.hash = "whatever";  // the hash is not part of what it covers
    EXPECT_EQ(audit_canonical_form(a), audit_canonical_form(b));
    EXPECT_EQ(audit_canonical_form(a), audit_canonical_form(a));
    // Every field counts.
    for (auto change : std::vector<void (*)(AuditEntry&)>{
             [](AuditEntry& x) { x.sequence = 2; }, [](AuditEntry& x) { x.at[3] = '7'; },
             [](AuditEntry& x) { x.actor += "x"; }, [](AuditEntry& x) { x.action = "denied"; },
             [](AuditEntry& x) { x.record += "x"; }, [](AuditEntry& x) { x.access = "redacted"; },
             [](AuditEntry& x) { x.via += "x"; }, [](AuditEntry& x) { x.detail["k"] = 6; },
             [](AuditEntry& x) { x.previous = std::string(64, '1'); }}) {
        AuditEntry c = a;
        change(c);
        EXPECT_NE(audit_canonical_form(c), audit_canonical_form(a));
    }
}

TEST(AuditJson, HasEveryField) {
    const auto e = chained(1).front();
    const auto json = to_json(e);
    EXPECT_EQ(json.at("sequence").as_int64(), 1);
    EXPECT_EQ(json.at("at").as_string(), e.at);
    EXPECT_EQ(json.at("actor").as_string(), "olu");
    EXPECT_EQ(json.at("action").as_string(), "read");
    EXPECT_EQ(json.at("record").as_string(), "note:c-1/observe/1");
    EXPECT_EQ(json.at("access").as_string(), "allow");
    EXPECT_EQ(json.at("via").as_string(), "cli programme show");
    EXPECT_EQ(json.at("detail").as_object(), e.detail);
    EXPECT_EQ(json.at("previous").as_string(), audit_genesis_hash());
    EXPECT_EQ(json.at("hash").as_string(), e.hash);
}

// ---- both logs ---------------------------------------------------------------------------------

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
class AuditLogs : public ::testing::Test {
protected:
    Kind kind;
    std::unique_ptr<EventStore> store = kind.open();
    AuditLog& log = store->audit();
};

struct KindNames {
    template <typename Kind>
    static std::string GetName(int) {
        return Kind::name;
    }
};

using LogKinds = ::testing::Types<MemoryKind, SqliteKind>;
TYPED_TEST_SUITE(AuditLogs, LogKinds, KindNames);

}  // namespace

TYPED_TEST(AuditLogs, StartEmptyAndIntact) {
    EXPECT_TRUE(this->log.read().empty());
    const auto result = verify_audit(this->log);
    EXPECT_TRUE(result.intact);
    EXPECT_EQ(result.entries, 0);
    EXPECT_EQ(result.head, audit_genesis_hash());
    EXPECT_FALSE(result.broken_at);
    EXPECT_TRUE(verify_audit(this->log, audit_genesis_hash()).intact);
}

TYPED_TEST(AuditLogs, AppendChainsEachEntryToTheOneBefore) {
    auto batch = reads(3);
    batch[0].sequence = 42;  // whatever the caller put in these three is replaced
    batch[0].previous = "x";
    batch[0].hash = "y";
    const auto first = this->log.append(batch);
    const auto second = this->log.append(reads(2, 4));
    EXPECT_EQ(sequences(first), (std::vector<std::int64_t>{1, 2, 3}));
    EXPECT_EQ(sequences(second), (std::vector<std::int64_t>{4, 5}));
    const auto all = this->log.read();
    ASSERT_EQ(all.size(), 5u);
    std::string previous = audit_genesis_hash();
    for (const auto& e : all) {
        EXPECT_EQ(e.previous, previous) << e.sequence;
        EXPECT_EQ(e.hash, sha256_hex(audit_canonical_form(e))) << e.sequence;
        EXPECT_EQ(e.hash.size(), 64u);
        previous = e.hash;
    }
    EXPECT_EQ(all[0].hash, first[0].hash);
    EXPECT_EQ(all[4].hash, second[1].hash);
    EXPECT_EQ(all[2].detail, reads(3)[2].detail);
}

TYPED_TEST(AuditLogs, ReadGivesBackExactlyWhatWasAppended) {
    auto batch = reads(3);
    batch[1].record.clear();
    batch[1].access.clear();
    batch[1].action = "k.set";
    batch[2].detail = {{"text", "caf\xC3\xA9, \"quotes\"\n"},
                       {"big", std::uint64_t{18'446'744'073'709'551'615u}},
                       {"half", 0.1 + 0.2},
                       {"nested", {{"list", {1, nullptr, false}}}}};
    const auto appended = this->log.append(batch);
    const auto read = this->log.read();
    ASSERT_EQ(read.size(), 3u);
    for (std::size_t i = 0; i < read.size(); ++i) {
        EXPECT_EQ(audit_canonical_form(read[i]), audit_canonical_form(appended[i])) << i;
        EXPECT_EQ(read[i].hash, appended[i].hash) << i;
    }
    EXPECT_EQ(read[2].detail.at("half").as_double(), 0.1 + 0.2);
    EXPECT_TRUE(verify_audit(this->log).intact);
}

TYPED_TEST(AuditLogs, ReadPagesWithAfterAndLimit) {
    this->log.append(reads(5));
    EXPECT_EQ(sequences(this->log.read(2)), (std::vector<std::int64_t>{3, 4, 5}));
    EXPECT_EQ(sequences(this->log.read(1, 2)), (std::vector<std::int64_t>{2, 3}));
    EXPECT_TRUE(this->log.read(5).empty());
    EXPECT_TRUE(this->log.read(0, 0).empty());
    EXPECT_EQ(this->log.read(0, std::numeric_limits<std::size_t>::max()).size(), 5u);
}

TYPED_TEST(AuditLogs, AnEmptyBatchWritesNothing) {
    EXPECT_TRUE(this->log.append({}).empty());
    EXPECT_TRUE(this->log.read().empty());
}

TYPED_TEST(AuditLogs, ABadEntryIsRefusedAndNothingOfItsBatchIsWritten) {
    this->log.append(reads(1));
    auto batch = reads(3, 2);
    batch[1].actor.clear();
    batch[1].at = "yesterday";
    batch[2].action.clear();
    batch[2].detail["ratio"] = std::nan("");
    try {
        this->log.append(batch);
        FAIL() << "a bad batch was appended";
    } catch (const InvalidDocumentError& e) {
        std::vector<std::string> pointers;
        for (const auto& d : e.diagnostics())
            pointers.push_back(d.pointer);
        EXPECT_EQ(pointers,
                  (std::vector<std::string>{"/1/at", "/1/actor", "/2/action", "/2/detail/ratio"}));
    }
    EXPECT_EQ(sequences(this->log.read()), (std::vector<std::int64_t>{1}));
    EXPECT_TRUE(verify_audit(this->log).intact);
}

TYPED_TEST(AuditLogs, VerifyGivesTheCountAndTheHead) {
    const auto appended = this->log.append(reads(4));
    const auto result = verify_audit(this->log);
    EXPECT_TRUE(result.intact) << result.problem;
    EXPECT_EQ(result.entries, 4);
    EXPECT_EQ(result.head, appended.back().hash);
    EXPECT_TRUE(result.problem.empty());
}

TYPED_TEST(AuditLogs, AnExpectedHeadMustBeAnEntrysHash) {
    const auto appended = this->log.append(reads(4));
    EXPECT_TRUE(verify_audit(this->log, appended[3].hash).intact);
    // A head recorded earlier: the log has grown since, which is what logs do.
    EXPECT_TRUE(verify_audit(this->log, appended[1].hash).intact);
    // Upper-case hex is the same hash.
    std::string upper = appended[2].hash;
    for (auto& c : upper)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    EXPECT_TRUE(verify_audit(this->log, upper).intact);

    const auto unknown = verify_audit(this->log, sha256_hex("a head from a longer log"));
    EXPECT_FALSE(unknown.intact);
    EXPECT_EQ(unknown.broken_at, 5);
    EXPECT_EQ(unknown.problem.rfind("the log was cut after entry 4", 0), 0u) << unknown.problem;

    const auto malformed = verify_audit(this->log, std::string("abc"));
    EXPECT_FALSE(malformed.intact);
    EXPECT_NE(malformed.problem.find("is not a SHA-256 hash"), std::string::npos)
        << malformed.problem;
}

TYPED_TEST(AuditLogs, ConcurrentAppendsKeepOneUnbrokenChain) {
    constexpr int kThreads = 4;
    constexpr int kBatches = 25;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([this, t] {
            for (int b = 0; b < kBatches; ++b)
                this->log.append(reads(2, t * 1000 + b * 2));
        });
    }
    for (auto& thread : threads)
        thread.join();
    const auto result = verify_audit(this->log);
    EXPECT_TRUE(result.intact) << result.problem;
    EXPECT_EQ(result.entries, kThreads * kBatches * 2);
}

// ---- verify_audit on logs no AuditLog would write ---------------------------------------------

TEST(AuditVerify, ChecksLogsLongerThanOnePage) {
    auto log = make_memory_audit_log();
    for (int i = 0; i < 25; ++i)
        log->append(reads(100, i * 100 + 1));
    const auto result = verify_audit(*log);
    EXPECT_TRUE(result.intact) << result.problem;
    EXPECT_EQ(result.entries, 2500);

    auto entries = log->read();
    entries[2099].actor = "someone else";  // entry 2100, on the third page
    const auto broken = verify_audit(FixedLog(entries));
    EXPECT_FALSE(broken.intact);
    EXPECT_EQ(broken.broken_at, 2100);
    EXPECT_EQ(broken.entries, 2099);
}

TEST(AuditVerify, FindsAMissingFirstEntry) {
    auto entries = chained(3);
    entries.erase(entries.begin());
    const auto result = verify_audit(FixedLog(entries));
    EXPECT_FALSE(result.intact);
    EXPECT_EQ(result.broken_at, 1);
    EXPECT_EQ(result.problem, "entry 1 is missing: the log starts at entry 2");
}

TEST(AuditVerify, FindsAnEntryOutOfOrder) {
    auto entries = chained(4);
    std::swap(entries[1], entries[2]);  // 1, 3, 2, 4 as read
    const auto result = verify_audit(FixedLog(entries));
    EXPECT_FALSE(result.intact);
    EXPECT_EQ(result.broken_at, 2);
    EXPECT_EQ(result.problem, "entry 2 is missing: entry 1 is followed by entry 3");

    auto repeated = chained(3);
    repeated.insert(repeated.begin() + 2, repeated[1]);  // 1, 2, 2, 3
    const auto again = verify_audit(FixedLog(repeated));
    EXPECT_EQ(again.broken_at, 2);
    EXPECT_EQ(again.problem, "entry 2 is out of order: it comes after entry 2");
}

TEST(AuditVerify, FindsAFirstEntryNotChainedToGenesis) {
    auto entries = chained(2);
    entries[0].previous = sha256_hex("an earlier log");
    entries[0].hash = sha256_hex(audit_canonical_form(entries[0]));
    const auto result = verify_audit(FixedLog(entries));
    EXPECT_FALSE(result.intact);
    EXPECT_EQ(result.broken_at, 1);
    EXPECT_NE(result.problem.find("not chained to the start of the log"), std::string::npos)
        << result.problem;
}

TEST(AuditVerify, AnEmptiedLogIsCaughtByTheHeadOnly) {
    const auto head = chained(3).back().hash;
    EXPECT_TRUE(verify_audit(FixedLog({})).intact);
    const auto result = verify_audit(FixedLog({}), head);
    EXPECT_FALSE(result.intact);
    EXPECT_EQ(result.broken_at, 1);
    EXPECT_NE(result.problem.find("the log was emptied"), std::string::npos) << result.problem;
}

// ---- tampering with a SQLite store ------------------------------------------------------------

namespace {

/// A store with `count` audit entries, closed; the test tampers with the file and reopens it.
class TamperedStore : public ::testing::Test {
protected:
    void SetUp() override {
        auto store = open_sqlite_store(file);
        appended = store->audit().append(reads(6));
    }

    AuditVerification verify(const std::optional<std::string>& head = std::nullopt) {
        auto store = open_sqlite_store(file);
        return verify_audit(store->audit(), head);
    }

    /// verify() finds the chain broken at `sequence`, with a problem starting `problem`.
    void expect_broken(std::int64_t sequence, const std::string& problem,
                       const std::optional<std::string>& head = std::nullopt) {
        const auto result = verify(head);
        EXPECT_FALSE(result.intact);
        EXPECT_EQ(result.broken_at, sequence) << result.problem;
        EXPECT_EQ(result.problem.rfind(problem, 0), 0u) << result.problem;
        EXPECT_EQ(result.entries, sequence - 1);
    }

    TempFolder folder;
    fs::path file = folder / "journal.coachkit";
    std::vector<AuditEntry> appended;
};

}  // namespace

TEST_F(TamperedStore, TheUntouchedLogIsIntact) {
    const auto result = verify(appended.back().hash);
    EXPECT_TRUE(result.intact) << result.problem;
    EXPECT_EQ(result.entries, 6);
}

TEST_F(TamperedStore, CoachkitItselfCannotChangeOrRemoveAnEntry) {
    RawDatabase db(file);
    EXPECT_THROW(db.exec("UPDATE audit SET actor = 'x' WHERE sequence = 2"), std::runtime_error);
    EXPECT_THROW(db.exec("DELETE FROM audit WHERE sequence = 6"), std::runtime_error);
    EXPECT_TRUE(verify().intact);
}

TEST_F(TamperedStore, AnEditedFieldIsFoundAtItsEntry) {
    for (const std::string column :
         {"at", "actor", "action", "record", "access", "via", "detail", "previous", "hash"}) {
        SCOPED_TRACE(column);
        {
            RawDatabase db(file);
            db.drop_audit_guards();
            const std::string value = column == "detail" ? "'{\"number\":3,\"scope\":\"all\"}'"
                                                         : "'" + std::string(64, 'e') + "'";
            db.exec("UPDATE audit SET " + column + " = " + value + " WHERE sequence = 3");
        }
        // Whichever field changed (the hash itself included), the entry's hash no longer matches.
        expect_broken(3, "entry 3 was edited: its hash does not match its contents");
        // Put it back (the next column's edit starts from an intact log).
        RawDatabase db(file);
        const auto& e = appended[2];
        const std::string detail = "'" + std::string(boost::json::serialize(e.detail)) + "'";
        db.exec("UPDATE audit SET at = '" + e.at + "', actor = '" + e.actor + "', action = '" +
                e.action + "', record = '" + e.record + "', access = '" + e.access + "', via = '" +
                e.via + "', detail = " + detail + ", previous = '" + e.previous + "', hash = '" +
                e.hash + "' WHERE sequence = 3");
        ASSERT_TRUE(verify().intact) << verify().problem;
    }
}

TEST_F(TamperedStore, DetailThatIsNoLongerJsonIsAnEdit) {
    {
        RawDatabase db(file);
        db.drop_audit_guards();
        db.exec("UPDATE audit SET detail = 'not json' WHERE sequence = 4");
    }
    expect_broken(4, "entry 4 was edited");
}

TEST_F(TamperedStore, ADeletedEntryInTheMiddleIsFound) {
    {
        RawDatabase db(file);
        db.drop_audit_guards();
        db.exec("DELETE FROM audit WHERE sequence = 4");
    }
    expect_broken(4, "entry 4 is missing: entry 3 is followed by entry 5");
}

TEST_F(TamperedStore, ADeletedFirstEntryIsFound) {
    {
        RawDatabase db(file);
        db.drop_audit_guards();
        db.exec("DELETE FROM audit WHERE sequence = 1");
    }
    expect_broken(1, "entry 1 is missing: the log starts at entry 2");
}

TEST_F(TamperedStore, ADeletedTailIsFoundOnlyWithTheHead) {
    {
        RawDatabase db(file);
        db.drop_audit_guards();
        db.exec("DELETE FROM audit WHERE sequence >= 5");
    }
    // What is left is a valid, shorter chain…
    const auto result = verify();
    EXPECT_TRUE(result.intact) << result.problem;
    EXPECT_EQ(result.entries, 4);
    // …which the head recorded earlier shows to be cut.
    expect_broken(5, "the log was cut after entry 4", appended.back().hash);
}

TEST_F(TamperedStore, TwoSwappedEntriesAreFound) {
    {
        RawDatabase db(file);
        db.drop_audit_guards();
        // Entries 2 and 3 change places: each row takes the other's sequence.
        db.exec(
            "UPDATE audit SET sequence = 1000 WHERE sequence = 2;"
            "UPDATE audit SET sequence = 2 WHERE sequence = 3;"
            "UPDATE audit SET sequence = 3 WHERE sequence = 1000;");
    }
    expect_broken(2, "entry 2 was edited");
}

TEST_F(TamperedStore, AnInsertedEntryIsFound) {
    {
        RawDatabase db(file);
        db.drop_audit_guards();
        // Entries 4.. move up one, and a well-formed entry 4 chained to entry 3 goes in.
        db.exec(
            "UPDATE audit SET sequence = sequence + 100 WHERE sequence >= 4;"
            "UPDATE audit SET sequence = sequence - 99 WHERE sequence >= 104;");
        AuditEntry forged = entry("mallory", "cycle:c-1", 4);
        forged.sequence = 4;
        forged.previous = appended[2].hash;
        forged.hash = sha256_hex(audit_canonical_form(forged));
        db.exec("INSERT INTO audit VALUES (4, '" + forged.at + "', 'mallory', 'read', " +
                "'cycle:c-1', 'allow', 'cli programme show', '" +
                std::string(boost::json::serialize(forged.detail)) + "', '" + forged.previous +
                "', '" + forged.hash + "')");
    }
    // The forged entry is consistent; the one after it was hashed with sequence 4.
    expect_broken(5, "entry 5 was edited");
}

TEST_F(TamperedStore, AnEditedEntryWithItsHashRecomputedBreaksTheNextLink) {
    AuditEntry edited = appended[2];
    edited.actor = "someone-else";
    edited.hash = sha256_hex(audit_canonical_form(edited));
    {
        RawDatabase db(file);
        db.drop_audit_guards();
        db.exec("UPDATE audit SET actor = 'someone-else', hash = '" + edited.hash +
                "' WHERE sequence = 3");
    }
    expect_broken(4, "entry 4's previous hash is not entry 3's hash");
}

TEST_F(TamperedStore, EntriesSurviveReopeningAndTheChainGoesOn) {
    {
        auto store = open_sqlite_store(file);
        const auto read = store->audit().read();
        ASSERT_EQ(read.size(), appended.size());
        for (std::size_t i = 0; i < read.size(); ++i)
            EXPECT_EQ(audit_canonical_form(read[i]) + read[i].hash,
                      audit_canonical_form(appended[i]) + appended[i].hash);
        const auto more = store->audit().append(reads(1, 7));
        EXPECT_EQ(more.front().sequence, 7);
        EXPECT_EQ(more.front().previous, appended.back().hash);
    }
    const auto result = verify();
    EXPECT_TRUE(result.intact) << result.problem;
    EXPECT_EQ(result.entries, 7);
}

TEST(AuditSqliteStore, AStoreOfSchemaVersion1GainsTheAuditTable) {
    TempFolder folder;
    const auto file = folder / "old.coachkit";
    {
        // A store as coachkit 0.1 left it: schema version 1 (the events table), one event.
        RawDatabase db(file);
        db.exec(
            "PRAGMA journal_mode = WAL;"
            "PRAGMA application_id = 1129007694;"
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value NOT NULL);"
            "INSERT INTO meta VALUES ('application', 'coachkit journal'), ('schema_version', 1);"
            "CREATE TABLE events (sequence INTEGER PRIMARY KEY CHECK (sequence >= 1),"
            " type TEXT NOT NULL CHECK (type <> ''), at TEXT NOT NULL, actor TEXT NOT NULL,"
            " programme TEXT NOT NULL, partnership TEXT, cycle TEXT,"
            " data TEXT NOT NULL DEFAULT '{}');"
            "INSERT INTO events VALUES (1, 'programme.created', '2026-09-01T08:00:00Z',"
            " 'system', 'p', NULL, NULL, '{\"name\":\"P\"}');");
        EXPECT_EQ(db.value("SELECT count(*) FROM sqlite_master WHERE name = 'audit'"), "0");
    }
    {
        auto store = open_sqlite_store(file);
        EXPECT_EQ(store->read().size(), 1u);
        EXPECT_TRUE(verify_audit(store->audit()).intact);
        store->audit().append(reads(2));
    }
    RawDatabase db(file);
    EXPECT_EQ(db.value("SELECT value FROM meta WHERE key = 'schema_version'"), "2");
    EXPECT_EQ(db.value("SELECT count(*) FROM audit"), "2");
    EXPECT_EQ(db.value("SELECT previous FROM audit WHERE sequence = 1"), audit_genesis_hash());
}
