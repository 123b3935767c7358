// Bytes handed out a few at a time, so every chunk boundary a streaming reader can meet is met.
// Shared by the reading tests and the fuzz targets; free of GoogleTest so fuzzers can use it.
#pragma once

#include <algorithm>
#include <coachkit/evidence/byte_source.hpp>
#include <cstring>
#include <string>
#include <string_view>

namespace coachkit::testing {

/// Hands out at most `chunk` bytes per read.
class ChunkedByteSource final : public ByteSource {
public:
    ChunkedByteSource(std::string_view bytes, std::size_t chunk, std::string name = "input")
        : bytes_(bytes), chunk_(chunk), name_(std::move(name)) {}
    [[nodiscard]] std::size_t read(char* buffer, std::size_t size) override {
        const std::size_t n = std::min({size, chunk_, bytes_.size() - position_});
        std::memcpy(buffer, bytes_.data() + position_, n);
        position_ += n;
        return n;
    }
    [[nodiscard]] bool rewind() override {
        position_ = 0;
        return true;
    }
    [[nodiscard]] std::optional<std::uint64_t> size() const override { return bytes_.size(); }
    [[nodiscard]] const std::string& name() const override { return name_; }

private:
    std::string_view bytes_;
    std::size_t chunk_;
    std::size_t position_ = 0;
    std::string name_;
};

}  // namespace coachkit::testing
