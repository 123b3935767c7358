// Proves that the transcript readers stream: writes a large transcript (or takes one), reads it
// through read_transcript, and prints the process's peak resident memory. With --max-rss-mib it
// fails when the peak passes the bound; with --hold it keeps every utterance, as a reader that
// does not stream would, so a control test can show the bound is able to fail.
//
//   coachkit_stream_probe --format webvtt --generate FILE --megabytes 300 --max-rss-mib 64
//   coachkit_stream_probe --format csv --read FILE
#include <sys/resource.h>

#include <algorithm>
#include <coachkit/coachkit.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace coachkit;

namespace {

struct Options {
    TranscriptFormat format = TranscriptFormat::webvtt;
    fs::path generate;
    fs::path read;
    std::size_t megabytes = 300;
    std::size_t max_rss_mib = 0;  // 0: report only
    bool hold = false;
    bool expect_over = false;  // succeed only if the peak passes the bound (the control test)
    bool keep_file = false;
};

[[noreturn]] void usage(const std::string& problem) {
    std::cerr << "coachkit_stream_probe: " << problem << "\n"
              << "usage: coachkit_stream_probe --format webvtt|srt|csv|text\n"
              << "         (--generate FILE [--megabytes N] [--keep-file] | --read FILE)\n"
              << "         [--max-rss-mib M [--expect-over-bound]] [--hold]\n";
    std::exit(2);
}

Options parse_options(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= argc)
                usage(arg + " needs a value");
            return argv[++i];
        };
        if (arg == "--format") {
            const auto format = parse_transcript_format(value());
            if (!format)
                usage("unknown format");
            options.format = *format;
        } else if (arg == "--generate") {
            options.generate = value();
        } else if (arg == "--read") {
            options.read = value();
        } else if (arg == "--megabytes") {
            options.megabytes = std::stoul(value());
        } else if (arg == "--max-rss-mib") {
            options.max_rss_mib = std::stoul(value());
        } else if (arg == "--hold") {
            options.hold = true;
        } else if (arg == "--expect-over-bound") {
            options.expect_over = true;
        } else if (arg == "--keep-file") {
            options.keep_file = true;
        } else {
            usage("unknown option " + arg);
        }
    }
    if (options.generate.empty() == options.read.empty())
        usage("give one of --generate and --read");
    return options;
}

std::size_t peak_rss_kib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<std::size_t>(usage.ru_maxrss);  // KiB on Linux
}

// Lines of classroom talk the generator cycles through (fictional).
const std::vector<std::string> sentences{
    "Who can tell me which fraction is bigger, one half or one third?",
    "One half, because the pieces are bigger.",
    "Talk to your partner for one minute and then we will share.",
    "We think a quarter is smaller than a third.",
    "Why do you think that? Can you explain it another way?",
    "Because if you share a pizza between more people, everyone gets less.",
    "Lovely reasoning. Does anyone disagree?",
    "I am not sure, can we use the fraction wall?",
};
const std::vector<std::string> speakers{"Ms Khan", "Amir",  "Ms Khan", "Group 2",
                                        "Ms Khan", "Bella", "Ms Khan", "Pupil 7"};

// `seconds` as HH:MM:SS<separator>mmm (any number of hours).
void append_time(std::string& out, std::size_t millis, char separator) {
    char text[40];
    const int n = std::snprintf(text, sizeof text, "%02zu:%02zu:%02zu%c%03zu", millis / 3600000,
                                millis / 60000 % 60, millis / 1000 % 60, separator, millis % 1000);
    out.append(text, static_cast<std::size_t>(n));
}

// Writes one utterance in `format`; every hundredth names no speaker, so the file also has a
// warning on many lines (which the sink must keep bounded).
void write_utterance(std::string& out, TranscriptFormat format, std::size_t i) {
    const std::string& text = sentences[i % sentences.size()];
    const bool named = i % 100 != 99;
    const std::string& speaker = speakers[i % speakers.size()];
    const std::size_t start = i * 2000;  // milliseconds: one utterance every two seconds
    const std::size_t end = start + 1500;
    switch (format) {
        case TranscriptFormat::webvtt:
            append_time(out, start, '.');
            out += " --> ";
            append_time(out, end, '.');
            out += '\n';
            if (named)
                out.append("<v ").append(speaker).append(">").append(text).append("</v>\n\n");
            else
                out.append(text).append("\n\n");
            break;
        case TranscriptFormat::srt:
            out.append(std::to_string(i + 1)).append("\n");
            append_time(out, start, ',');  // SRT writes a comma before the milliseconds
            out += " --> ";
            append_time(out, end, ',');
            out += '\n';
            if (named)
                out.append(speaker).append(": ");
            out.append(text).append("\n\n");
            break;
        case TranscriptFormat::csv:
            if (named)
                out.append(speaker);
            out.append(",\"").append(text).append("\",");
            out.append(std::to_string(start / 1000)).append(",");
            out.append(std::to_string(end / 1000)).append(".5,question\n");
            break;
        case TranscriptFormat::text: {
            out += '[';
            append_time(out, start, '.');
            out.resize(out.size() - 4);  // whole seconds
            out += "] ";
            if (named)
                out.append(speaker).append(": ");
            out.append(text).append("\n");
            break;
        }
    }
}

// Writes about `megabytes` MB; returns how many utterances.
std::size_t generate(const fs::path& path, TranscriptFormat format, std::size_t megabytes) {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    if (!file)
        throw Error("cannot write " + path.string());
    const std::uint64_t target = std::uint64_t{megabytes} * 1000 * 1000;
    std::uint64_t written = 0;
    std::size_t count = 0;
    std::string block;
    block.reserve(1 << 20);
    if (format == TranscriptFormat::webvtt)
        block += "WEBVTT\n\n";
    else if (format == TranscriptFormat::csv)
        block += "speaker,text,start,end,function\n";
    while (written < target) {
        while (block.size() < (1 << 20) - 512)
            write_utterance(block, format, count++);
        file.write(block.data(), static_cast<std::streamsize>(block.size()));
        written += block.size();
        block.clear();
    }
    if (!file.flush())
        throw Error("cannot write " + path.string());
    return count;
}

// Removes the generated file however the probe ends.
struct RemoveOnExit {
    fs::path path;
    ~RemoveOnExit() {
        if (!path.empty()) {
            std::error_code ignored;
            fs::remove(path, ignored);
        }
    }
};

}  // namespace

int main(int argc, char** argv) {
    const Options options = parse_options(argc, argv);
    RemoveOnExit cleanup;
    std::size_t expected = 0;
    fs::path path = options.read;
    try {
        if (!options.generate.empty()) {
            path = options.generate;
            if (!options.keep_file)
                cleanup.path = path;
            expected = generate(path, options.format, options.megabytes);
        }
        const std::size_t before = peak_rss_kib();
        FileByteSource input(path);
        Diagnostics diagnostics;
        DiagnosticSink sink(diagnostics, path.filename().string());
        std::vector<Utterance> held;
        std::size_t words = 0;
        const std::size_t count =
            read_transcript(options.format, input, sink, [&](const Utterance& u) {
                words +=
                    static_cast<std::size_t>(std::count(u.text.begin(), u.text.end(), ' ')) + 1;
                if (options.hold)
                    held.push_back(u);
            });
        const std::size_t peak = peak_rss_kib();
        const double mb = static_cast<double>(input.size().value_or(0)) / 1e6;
        std::printf(
            "%s: %.1f MB, %zu utterances, %zu words, %zu diagnostics; peak RSS %.1f MiB "
            "(%.1f MiB before reading)",
            std::string(to_string(options.format)).c_str(), mb, count, words, diagnostics.size(),
            static_cast<double>(peak) / 1024, static_cast<double>(before) / 1024);
        if (options.max_rss_mib > 0)
            std::printf(", bound %zu MiB", options.max_rss_mib);
        std::printf("\n");
        if (has_errors(diagnostics)) {
            for (const auto& d : diagnostics)
                std::fprintf(stderr, "%s\n", d.to_string().c_str());
            return 1;
        }
        if (expected != 0 && count != expected) {
            std::fprintf(stderr, "read %zu utterances, wrote %zu\n", count, expected);
            return 1;
        }
        if (diagnostics.size() > 100) {
            std::fprintf(stderr, "%zu diagnostics: the sink did not bound them\n",
                         diagnostics.size());
            return 1;
        }
        if (options.max_rss_mib > 0) {
            const bool over = peak > options.max_rss_mib * 1024;
            if (options.expect_over) {
                if (!over) {
                    std::fprintf(stderr,
                                 "expected the peak to pass the bound: the measure "
                                 "cannot tell a streaming reader from one that is not\n");
                    return 1;
                }
            } else if (over) {
                std::fprintf(stderr, "peak RSS passed the bound: the reader does not stream\n");
                return 1;
            }
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "coachkit_stream_probe: %s\n", e.what());
        return 1;
    }
    return 0;
}
