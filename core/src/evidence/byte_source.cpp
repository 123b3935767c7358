#include "coachkit/evidence/byte_source.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "coachkit/diagnostics/diagnostic.hpp"

COACHKIT_NAMESPACE_BEGIN

ByteSource::~ByteSource() = default;

std::optional<std::string> ByteSource::read_all(std::size_t limit) {
    std::string all;
    if (const auto known = size(); known && *known <= limit)
        all.reserve(static_cast<std::size_t>(*known));
    char chunk[64 * 1024];
    while (const std::size_t got = read(chunk, sizeof chunk)) {
        if (got > limit - all.size())
            return std::nullopt;
        all.append(chunk, got);
    }
    return all;
}

MemoryByteSource::MemoryByteSource(std::string_view bytes, std::string name)
    : bytes_(bytes), name_(std::move(name)) {}

MemoryByteSource::~MemoryByteSource() = default;

std::size_t MemoryByteSource::read(char* buffer, std::size_t size) {
    const std::size_t n = std::min(size, bytes_.size() - position_);
    std::memcpy(buffer, bytes_.data() + position_, n);
    position_ += n;
    return n;
}

bool MemoryByteSource::rewind() {
    position_ = 0;
    return true;
}

std::optional<std::uint64_t> MemoryByteSource::size() const {
    return bytes_.size();
}

FileByteSource::FileByteSource(const std::filesystem::path& path)
    : file_(path, std::ios::binary), name_(path.string()) {
    if (!file_)
        throw NotFoundError(name_ + ": cannot open: " + std::strerror(errno));
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw NotFoundError(name_ + ": is a folder, not a file");
    if (const auto bytes = std::filesystem::file_size(path, ec); !ec)
        size_ = bytes;
}

FileByteSource::~FileByteSource() = default;

std::size_t FileByteSource::read(char* buffer, std::size_t size) {
    file_.read(buffer, static_cast<std::streamsize>(size));
    if (file_.bad())
        throw Error(name_ + ": read failed: " + std::strerror(errno));
    return static_cast<std::size_t>(file_.gcount());
}

bool FileByteSource::rewind() {
    file_.clear();
    file_.seekg(0);
    return static_cast<bool>(file_);
}

std::optional<std::uint64_t> FileByteSource::size() const {
    return size_;
}

COACHKIT_NAMESPACE_END
