// Fuzz target: the text transcript reader (see fuzz_support.hpp for what is checked).
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    coachkit::fuzz::fuzz_transcript(coachkit::TranscriptFormat::text,
                                    std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
