// Runs a fuzz target without libFuzzer (the default g++ build): every seed file once, then a
// fixed number of deterministic mutations of them (bit flips, interesting bytes, insertions of
// format tokens, deletions, duplications, truncations, splices). Same seed, same inputs, so a
// failure in CI is a failure on a developer's machine. An input that crashes the target is
// written to --artifacts (default: the working folder) as crash-<hash> before the process dies.
//
//   coachkit_fuzz_webvtt [--mutations N] [--seed S] [--max-len BYTES] [--artifacts DIR]
//                        FILE_OR_FOLDER...
#include <algorithm>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace fs = std::filesystem;

namespace {

// Fragments the readers treat specially: splicing them in reaches deeper paths than random bytes.
const std::vector<std::string_view> tokens{
    "WEBVTT",
    "WEBVTT\n\n",
    " --> ",
    "-->",
    "00:00:01.000",
    "00:00:01,000",
    "99:59:59.999",
    "NOTE",
    "STYLE",
    "REGION",
    "<v ",
    "<v.a Ms Khan>",
    "</v>",
    "<i>",
    "&amp;",
    "&#x263A;",
    "&nbsp;",
    "{\\an8}",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "\"",
    "\"\"",
    ",",
    ",,,",
    "speaker,text,start,end\n",
    "Ms Khan: ",
    "[Amir] ",
    "[00:00:05] ",
    "Note: ",
    "\xEF\xBB\xBF",
    "\xFF\xFE",
    "\xC3\xA9",
    "\xE2\x82",
    "\xF0\x9F\x98\x80",
    std::string_view("\0", 1),
    "{",
    "}",
    "[",
    "]",
    ":",
    "1\n",
    "12.5",
    "-1",
};

const unsigned char interesting_bytes[] = {0x00, '\n', '\r', '"',  ',',  ':',  '<',  '>',  '&',
                                           '[',  ']',  '-',  ' ',  '\t', 0x7F, 0x80, 0xBF, 0xC0,
                                           0xC3, 0xE2, 0xED, 0xEF, 0xF0, 0xF4, 0xFF};

std::string current;  // the input being run, for the crash handler
std::string artifacts = ".";

std::uint64_t fnv1a(std::string_view bytes) {
    std::uint64_t hash = 1469598103934665603ULL;
    for (const char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    return hash;
}

extern "C" void save_crashing_input(int signal_number) {
    // Only async-signal-safe calls would be strictly correct here; the process is dying anyway,
    // and a saved input is worth the risk.
    char name[64];
    std::snprintf(name, sizeof name, "/crash-%016llx",
                  static_cast<unsigned long long>(fnv1a(current)));
    const std::string path = artifacts + name;
    if (FILE* file = std::fopen(path.c_str(), "wb")) {
        std::fwrite(current.data(), 1, current.size(), file);
        std::fclose(file);
        std::fprintf(stderr, "standalone fuzz driver: signal %d; input (%zu bytes) saved as %s\n",
                     signal_number, current.size(), path.c_str());
    }
    std::signal(signal_number, SIG_DFL);
    std::raise(signal_number);
}

void run(const std::string& input) {
    current = input;
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(current.data()), current.size());
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void mutate(std::string& input, const std::vector<std::string>& seeds, std::mt19937_64& random,
            std::size_t max_len) {
    const auto below = [&](std::size_t n) {
        return n == 0 ? std::size_t{0} : static_cast<std::size_t>(random() % n);
    };
    const std::size_t steps = 1 + below(4);
    for (std::size_t step = 0; step < steps; ++step) {
        switch (below(8)) {
            case 0:  // flip a bit
                if (!input.empty())
                    input[below(input.size())] ^= static_cast<char>(1u << below(8));
                break;
            case 1:  // an interesting byte
                if (!input.empty())
                    input[below(input.size())] =
                        static_cast<char>(interesting_bytes[below(std::size(interesting_bytes))]);
                break;
            case 2:  // insert a token
                input.insert(below(input.size() + 1), tokens[below(tokens.size())]);
                break;
            case 3:  // insert random bytes
            {
                std::string bytes(1 + below(8), '\0');
                for (char& c : bytes)
                    c = static_cast<char>(random());
                input.insert(below(input.size() + 1), bytes);
                break;
            }
            case 4:  // delete a range
                if (!input.empty()) {
                    const std::size_t at = below(input.size());
                    input.erase(at, 1 + below(std::min<std::size_t>(64, input.size() - at)));
                }
                break;
            case 5:  // duplicate a range (more lines, more cues)
                if (!input.empty()) {
                    const std::size_t at = below(input.size());
                    const std::size_t length =
                        1 + below(std::min<std::size_t>(256, input.size() - at));
                    input.insert(below(input.size() + 1), input.substr(at, length));
                }
                break;
            case 6:  // truncate
                input.resize(below(input.size() + 1));
                break;
            case 7:  // splice with another seed
                if (!seeds.empty()) {
                    const std::string& other = seeds[below(seeds.size())];
                    input = input.substr(0, below(input.size() + 1)) +
                            other.substr(below(other.size() + 1));
                }
                break;
        }
    }
    if (input.size() > max_len)
        input.resize(max_len);
}

[[noreturn]] void usage(const char* problem) {
    std::fprintf(stderr,
                 "standalone fuzz driver: %s\nusage: TARGET [--mutations N] [--seed S] "
                 "[--max-len BYTES] [--artifacts DIR] FILE_OR_FOLDER...\n",
                 problem);
    std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t mutations = 3000;
    std::uint64_t seed = 1;
    std::size_t max_len = 64 * 1024;
    std::vector<fs::path> paths;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= argc)
                usage("an option needs a value");
            return argv[++i];
        };
        if (arg == "--mutations")
            mutations = std::stoul(value());
        else if (arg == "--seed")
            seed = std::stoull(value());
        else if (arg == "--max-len")
            max_len = std::stoul(value());
        else if (arg == "--artifacts")
            artifacts = value();
        else if (arg.substr(0, 2) == "--")
            usage("unknown option");
        else
            paths.emplace_back(arg);
    }
    if (LLVMFuzzerInitialize != nullptr)
        LLVMFuzzerInitialize(&argc, &argv);
    for (const int signal_number : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL})
        std::signal(signal_number, save_crashing_input);

    std::vector<fs::path> files;
    for (const auto& path : paths) {
        if (fs::is_directory(path)) {
            for (const auto& entry : fs::directory_iterator(path)) {
                if (entry.is_regular_file())
                    files.push_back(entry.path());
            }
        } else if (fs::is_regular_file(path)) {
            files.push_back(path);
        } else {
            std::fprintf(stderr, "standalone fuzz driver: no such file or folder: %s\n",
                         path.c_str());
            return 2;
        }
    }
    std::sort(files.begin(), files.end());  // the same order everywhere, for the same mutations

    std::vector<std::string> seeds;
    std::size_t seed_bytes = 0;
    for (const auto& file : files) {
        std::string bytes = read_file(file);
        run(bytes);  // every seed whole, however large
        seed_bytes += bytes.size();
        if (bytes.size() > max_len)
            bytes.resize(max_len);  // mutations work on the start of large seeds
        seeds.push_back(std::move(bytes));
    }
    if (seeds.empty())
        seeds.emplace_back();

    std::mt19937_64 random(seed);
    std::size_t mutated_bytes = 0;
    for (std::size_t i = 0; i < mutations; ++i) {
        std::string input = seeds[static_cast<std::size_t>(random() % seeds.size())];
        mutate(input, seeds, random, max_len);
        mutated_bytes += input.size();
        run(input);
    }
    std::printf(
        "standalone fuzz driver: %zu seed files (%zu bytes), %zu mutated inputs (%zu "
        "bytes), seed %llu: no crash\n",
        files.size(), seed_bytes, mutations, mutated_bytes, static_cast<unsigned long long>(seed));
    return 0;
}
