// Shared helpers for the journal tests: temporary folders, sample events, and a plain SQLite
// connection for looking at store files from outside the store.
#pragma once

#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <boost/json/serialize.hpp>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "coachkit/journal/store.hpp"

namespace coachkit::test {

inline std::filesystem::path data_path(const std::string& relative) {
    return std::filesystem::path(COACHKIT_JOURNAL_TEST_DATA) / relative;
}

/// All diagnostics as text, for failure messages.
inline std::string describe(const Diagnostics& diagnostics) {
    std::string out;
    for (const auto& d : diagnostics)
        out += d.to_string() + "\n";
    return out.empty() ? "(no diagnostics)" : out;
}

/// A fresh, empty folder of its own, removed with the object.
class TempFolder {
public:
    TempFolder() {
        static std::atomic<int> counter{0};
        path_ = std::filesystem::temp_directory_path() /
                ("coachkit-journal-test-" + std::to_string(::getpid()) + "-" +
                 std::to_string(counter++));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    ~TempFolder() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }

    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    [[nodiscard]] std::filesystem::path operator/(const std::string& name) const {
        return path_ / name;
    }

private:
    std::filesystem::path path_;
};

/// An event with every field set, as the programme engine would make one.
inline Event sample_event(int number = 1) {
    Event event;
    event.type = "cycle.stage-completed";
    event.at = "2026-11-22T14:05:00Z";
    event.actor = "ana-okafor";
    event.programme = "northfield-2026";
    event.partnership = "ana-ben";
    event.cycle = "cycle-" + std::to_string(number);
    event.data = {{"number", number},
                  {"stage", "post-lesson-meeting"},
                  {"notes", "Pupils' questions \xE2\x80\x94 more wait time"},
                  {"evidence", boost::json::array{"running-record", 3, 2.5, true, nullptr}},
                  {"extra", {{"nested", {{"kept", true}}}}}};
    return event;
}

inline std::vector<Event> sample_batch(int count, int first_number = 1) {
    std::vector<Event> events;
    for (int i = 0; i < count; ++i)
        events.push_back(sample_event(first_number + i));
    return events;
}

/// The event as compact JSON: comparing two of these compares every field.
inline std::string dump(const Event& event) {
    return boost::json::serialize(to_json(event));
}

inline std::vector<std::int64_t> sequences(const std::vector<Event>& events) {
    std::vector<std::int64_t> out;
    for (const auto& e : events)
        out.push_back(e.sequence);
    return out;
}

/// 1, 2, ... n.
inline std::vector<std::int64_t> one_to(std::int64_t n) {
    std::vector<std::int64_t> out;
    for (std::int64_t i = 1; i <= n; ++i)
        out.push_back(i);
    return out;
}

/// A plain SQLite connection to a file, independent of any store.
class RawDatabase {
public:
    explicit RawDatabase(const std::filesystem::path& path,
                         int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) {
        if (sqlite3_open_v2(path.string().c_str(), &db_, flags, nullptr) != SQLITE_OK) {
            const std::string message = sqlite3_errmsg(db_);
            sqlite3_close(db_);
            throw std::runtime_error(path.string() + ": " + message);
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

    /// The first column of every row, as text.
    std::vector<std::string> column(const std::string& sql) {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK)
            throw std::runtime_error(sql + ": " + sqlite3_errmsg(db_));
        std::vector<std::string> rows;
        int rc = SQLITE_OK;
        while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
            const auto* text = sqlite3_column_text(statement, 0);
            rows.emplace_back(text ? reinterpret_cast<const char*>(text) : "NULL");
        }
        sqlite3_finalize(statement);
        if (rc != SQLITE_DONE)
            throw std::runtime_error(sql + ": " + sqlite3_errmsg(db_));
        return rows;
    }

    std::string value(const std::string& sql) {
        const auto rows = column(sql);
        return rows.empty() ? std::string() : rows.front();
    }

    [[nodiscard]] sqlite3* get() const { return db_; }

private:
    sqlite3* db_ = nullptr;
};

/// What a full integrity check of `file` says ("ok" if all is well), or the error that stopped it.
inline std::string integrity_check(const std::filesystem::path& file) {
    try {
        RawDatabase db(file, SQLITE_OPEN_READWRITE);
        std::string out;
        for (const auto& line : db.column("PRAGMA integrity_check"))
            out += (out.empty() ? "" : "; ") + line;
        return out;
    } catch (const std::runtime_error& e) {
        return e.what();
    }
}

}  // namespace coachkit::test
