// Shared by the fuzz targets: feed one input to a reader twice (in one piece, and in small chunks
// whose size the input chooses) and check what must hold for any input at all. A broken promise
// aborts, which both libFuzzer and the standalone driver report as a crash with the input saved.
#pragma once

#include <coachkit/coachkit.hpp>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "../evidence/chunked_byte_source.hpp"

namespace coachkit::fuzz {

/// Aborts with `what` when `condition` is false.
void check(bool condition, const char* what);

/// Reads `input` as a transcript in `format` and checks the readers' promises: no exception;
/// the same result whatever the chunk size; utterances numbered in order, on real lines, with
/// non-empty valid UTF-8 text no longer than max_utterance_bytes and sane times; no utterance
/// means an error; diagnostics on real lines and columns, bounded in number.
void fuzz_transcript(TranscriptFormat format, std::string_view input);

/// Hands out a few bytes per read (chunk boundaries are where streaming readers go wrong).
using ChunkedSource = testing::ChunkedByteSource;

/// A chunk size from 1 to 16 picked by the input itself, so the fuzzer can explore boundaries.
[[nodiscard]] std::size_t chunk_size_for(std::string_view input);

/// Every diagnostic names the origin "fuzz" and a line and column of at least 1.
void check_diagnostics(const Diagnostics& diagnostics);

}  // namespace coachkit::fuzz
