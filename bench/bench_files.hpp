// Store files for the benchmarks: a folder of this process under $COACHKIT_BENCH_DIR, or the
// system's temporary folder (which may be in memory on some machines: then fsync is free and the
// durable figures flatter the store). Removed when the process ends.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace coachkit::bench {

inline const std::filesystem::path& bench_folder() {
    static const struct Folder {
        std::filesystem::path path;
        Folder() {
            const char* chosen = std::getenv("COACHKIT_BENCH_DIR");
            path = (chosen != nullptr ? std::filesystem::path(chosen)
                                      : std::filesystem::temp_directory_path()) /
                   ("coachkit-bench-" + std::to_string(::getpid()));
            std::filesystem::remove_all(path);
            std::filesystem::create_directories(path);
        }
        ~Folder() {
            std::error_code ec;
            std::filesystem::remove_all(path, ec);
        }
    } folder;
    return folder.path;
}

/// A new store file for each run of a benchmark.
inline std::filesystem::path fresh_file(const std::string& name) {
    static int counter = 0;
    return bench_folder() / (name + "-" + std::to_string(counter++) + ".coachkit");
}

}  // namespace coachkit::bench
