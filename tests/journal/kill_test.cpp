// The kill test: a writer process (coachkit_journal_writer) appends batches of three events and
// reports each commit; it is SIGKILLed at random moments, round after round on the same file, and
// after each death the file must hold every event it reported and no part of any other batch.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json/value.hpp>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <random>
#include <set>
#include <system_error>
#include <thread>

#include "journal_support.hpp"

using namespace coachkit;
using namespace coachkit::test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

/// One running coachkit_journal_writer, its stdout a pipe to us.
class WriterProcess {
public:
    explicit WriterProcess(const fs::path& file) {
        const std::string program = COACHKIT_JOURNAL_WRITER;
        const std::string argument = file.string();
        int fds[2];
        // Close-on-exec, so that a second writer does not inherit the first one's pipe.
        if (::pipe2(fds, O_CLOEXEC) != 0)
            throw std::system_error(errno, std::generic_category(), "pipe2");
        pid_ = ::fork();
        if (pid_ < 0)
            throw std::system_error(errno, std::generic_category(), "fork");
        if (pid_ == 0) {
            ::dup2(fds[1], STDOUT_FILENO);  // the duplicate does not close on exec
            ::execl(program.c_str(), program.c_str(), argument.c_str(),
                    static_cast<char*>(nullptr));
            ::_exit(127);
        }
        ::close(fds[1]);
        out_ = fds[0];
    }
    WriterProcess(const WriterProcess&) = delete;
    WriterProcess& operator=(const WriterProcess&) = delete;
    ~WriterProcess() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
        if (out_ >= 0)
            ::close(out_);
    }

    [[nodiscard]] pid_t pid() const { return pid_; }

    /// The next `count` sequences the writer reports, or fewer if it stops or `timeout` passes.
    std::vector<std::int64_t> read_reports(std::size_t count, std::chrono::milliseconds timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        std::vector<std::int64_t> reports;
        while (reports.size() < count) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0 || !read_some(static_cast<int>(left.count())))
                break;
            take_lines(reports, count);
        }
        return reports;
    }

    /// SIGKILL, wait for the death, then every report it wrote before dying.
    std::vector<std::int64_t> kill_and_drain() {
        ::kill(pid_, SIGKILL);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        killed_by_us_ = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
        pid_ = -1;
        std::vector<std::int64_t> reports;
        while (read_some(5'000)) {
        }
        take_lines(reports, std::numeric_limits<std::size_t>::max());
        return reports;
    }

    /// False if it had exited by itself (its stderr says why).
    [[nodiscard]] bool killed_by_us() const { return killed_by_us_; }

private:
    /// Reads what is available within `timeout_ms`; false at end of file or on timeout.
    bool read_some(int timeout_ms) {
        pollfd ready{out_, POLLIN, 0};
        if (::poll(&ready, 1, timeout_ms) <= 0)
            return false;
        char chunk[4096];
        const ssize_t n = ::read(out_, chunk, sizeof chunk);
        if (n <= 0)
            return false;
        pending_.append(chunk, static_cast<std::size_t>(n));
        return true;
    }

    /// Moves complete lines from the buffer into `reports`, up to `count` of them.
    void take_lines(std::vector<std::int64_t>& reports, std::size_t count) {
        std::size_t newline = 0;
        while (reports.size() < count && (newline = pending_.find('\n')) != std::string::npos) {
            reports.push_back(std::stoll(pending_.substr(0, newline)));
            pending_.erase(0, newline + 1);
        }
    }

    pid_t pid_ = -1;
    int out_ = -1;
    std::string pending_;
    bool killed_by_us_ = false;
};

/// Opens the store as the next process would and checks that the journal is whole: a full
/// integrity check passes, sequences run 1..N without gaps, N is a multiple of three and every
/// batch is complete. Returns N.
std::int64_t check_journal(const fs::path& file) {
    if (!fs::exists(file))
        return 0;  // killed before it created the file
    EXPECT_EQ(integrity_check(file), "ok");
    auto store = open_sqlite_store(file);  // quick_check, and recovery of the WAL
    const auto events = store->read();
    const auto n = static_cast<std::int64_t>(events.size());
    EXPECT_EQ(store->last_sequence(), n);
    EXPECT_EQ(n % 3, 0) << "a half-written batch: the journal ends at " << n;
    for (std::int64_t i = 0; i < n; ++i) {
        const auto& e = events[static_cast<std::size_t>(i)];
        if (e.sequence != i + 1) {
            ADD_FAILURE() << "a gap: event " << i + 1 << " has sequence " << e.sequence;
            break;
        }
        if (e.data.at("batch") != boost::json::value(i / 3 + 1) ||
            e.data.at("index") != boost::json::value(i % 3)) {
            ADD_FAILURE() << "event " << e.sequence << " belongs to another batch: "
                          << boost::json::serialize(e.data.at("batch")) << "/"
                          << boost::json::serialize(e.data.at("index"));
            break;
        }
    }
    return n;
}

std::uint32_t seed() {
    if (const char* fixed = std::getenv("COACHKIT_KILL_SEED"))
        return static_cast<std::uint32_t>(std::stoul(fixed));
    return std::random_device{}();
}

}  // namespace

TEST(KillTest, AKilledWriterLosesNoCommittedEventAndLeavesNoHalfBatch) {
    constexpr int kRounds = 15;
    const std::uint32_t chosen = seed();
    std::cout << "[   seed   ] " << chosen << " (COACHKIT_KILL_SEED=" << chosen
              << " repeats this run)" << std::endl;
    RecordProperty("seed", std::to_string(chosen));
    std::mt19937 random(chosen);
    auto uniform = [&](int low, int high) {
        return std::uniform_int_distribution<int>(low, high)(random);
    };

    TempFolder folder;
    const auto file = folder / "killed.coachkit";
    std::int64_t committed = 0;
    for (int round = 0; round < kRounds; ++round) {
        SCOPED_TRACE("round " + std::to_string(round) + " of seed " + std::to_string(chosen));
        WriterProcess writer(file);
        std::vector<std::int64_t> reports;
        if (round % 5 == 0) {
            // Any moment from its start: while it creates, recovers, checks or migrates the file,
            // or during its first appends.
            std::this_thread::sleep_for(std::chrono::microseconds(uniform(0, 8'000)));
        } else {
            // A few commits in, then at a random moment: most of a writer's time is spent inside
            // append, between BEGIN and the synced COMMIT.
            const auto wanted = static_cast<std::size_t>(uniform(2, 8));
            reports = writer.read_reports(wanted, 20s);
            ASSERT_EQ(reports.size(), wanted) << "the writer stopped reporting";
            std::this_thread::sleep_for(std::chrono::microseconds(uniform(0, 20'000)));
        }
        const auto rest = writer.kill_and_drain();
        ASSERT_TRUE(writer.killed_by_us()) << "the writer died by itself (see its stderr above)";
        reports.insert(reports.end(), rest.begin(), rest.end());

        const std::int64_t n = check_journal(file);
        const std::int64_t reported =
            reports.empty() ? 0 : *std::max_element(reports.begin(), reports.end());
        EXPECT_GE(n, reported) << "an event the writer saw committed is gone";
        EXPECT_GE(n, committed) << "events committed in an earlier round are gone";
        committed = n;
        if (HasFailure())
            return;
    }
    EXPECT_GT(committed, 0);
    RecordProperty("events", std::to_string(committed));
}

// Two writer processes append to one file at once: the busy timeout serialises them, and a
// writer that finds the other went first reloads and retries. Both write; nothing is lost or
// interleaved inside a batch.
TEST(KillTest, TwoWriterProcessesOnOneFileStayGapless) {
    TempFolder folder;
    const auto file = folder / "shared.coachkit";
    WriterProcess a(file);
    WriterProcess b(file);
    auto reports = a.read_reports(4, 20s);
    ASSERT_EQ(reports.size(), 4u) << "writer a stopped reporting";
    const auto from_b = b.read_reports(4, 20s);
    ASSERT_EQ(from_b.size(), 4u) << "writer b stopped reporting";
    reports.insert(reports.end(), from_b.begin(), from_b.end());
    const std::set<std::int64_t> writers = {a.pid(), b.pid()};
    for (auto* writer : {&a, &b}) {
        const auto rest = writer->kill_and_drain();
        ASSERT_TRUE(writer->killed_by_us()) << "a writer died by itself (see its stderr above)";
        reports.insert(reports.end(), rest.begin(), rest.end());
    }

    const std::int64_t n = check_journal(file);
    EXPECT_GE(n, *std::max_element(reports.begin(), reports.end()));
    std::set<std::int64_t> seen;
    for (const auto& e : open_sqlite_store(file)->read())
        seen.insert(e.data.at("writer").to_number<std::int64_t>());
    EXPECT_EQ(seen, writers) << "both writers appended to the same journal";
}
