// coachkit_journal_writer FILE: appends batches of three events to the SQLite store in FILE until
// it is killed, and prints the last committed sequence (first the one it found, then one line
// after each append returns). The kill test SIGKILLs it at random moments and checks the file.
//
// Batch b is always sequences 3b-2..3b, whichever writer appends it, and each of its events
// carries {"batch": b, "index": 0..2, "writer": pid}, so a reader can check that every batch is
// whole. Several writers may share a file: one that finds another went first reloads and retries.
#include <unistd.h>

#include <cstdio>
#include <exception>

#include "coachkit/journal/store.hpp"

using namespace coachkit;

namespace {

void report(std::int64_t last) {
    std::printf("%lld\n", static_cast<long long>(last));
    std::fflush(stdout);
}

std::vector<Event> make_batch(std::int64_t batch, std::int64_t writer) {
    std::vector<Event> events(3);
    for (std::int64_t i = 0; i < 3; ++i) {
        auto& e = events[static_cast<std::size_t>(i)];
        e.type = "test.appended";
        e.at = utc_now();
        e.actor = "writer";
        e.programme = "kill-test";
        // Up to 6,000 bytes: some events spill onto overflow pages, some batches span pages.
        const auto padding = static_cast<std::size_t>((batch * 7919 + i * 1009) % 6000);
        e.data = {{"batch", batch},
                  {"index", i},
                  {"writer", writer},
                  {"padding", std::string(padding, 'x')}};
    }
    return events;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: coachkit_journal_writer FILE\n");
        return 2;
    }
    try {
        auto store = open_sqlite_store(argv[1]);
        std::int64_t last = store->last_sequence();
        report(last);
        const auto writer = static_cast<std::int64_t>(::getpid());
        while (true) {
            try {
                last = store->append(make_batch(last / 3 + 1, writer), last).back().sequence;
            } catch (const ConcurrencyError&) {
                last = store->last_sequence();  // another writer went first: reload, retry
                continue;
            }
            report(last);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "coachkit_journal_writer: %s\n", e.what());
        return 1;
    }
}
