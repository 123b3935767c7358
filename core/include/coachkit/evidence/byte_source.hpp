// Bytes to ingest, read in chunks: a file of several GB is read in bounded memory, and a reader
// that needs two passes (lesson metrics per tenth of the lesson) rewinds instead of keeping it all.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>

#include "coachkit/version.hpp"

COACHKIT_NAMESPACE_BEGIN

class COACHKIT_API ByteSource {
public:
    ByteSource() = default;
    ByteSource(const ByteSource&) = delete;
    ByteSource& operator=(const ByteSource&) = delete;
    virtual ~ByteSource();

    /// Copies up to `size` bytes into `buffer`; returns how many (0 only at the end). Throws Error
    /// on a read failure (a file that vanished, a disk error).
    [[nodiscard]] virtual std::size_t read(char* buffer, std::size_t size) = 0;
    /// Starts again from the first byte. False if this source cannot (a pipe).
    [[nodiscard]] virtual bool rewind() = 0;
    /// The total size in bytes, when known without reading.
    [[nodiscard]] virtual std::optional<std::uint64_t> size() const = 0;
    /// What diagnostics call it: a path, or a name the caller gave.
    [[nodiscard]] virtual const std::string& name() const = 0;

    /// Everything from the current position, if it is at most `limit` bytes; nullopt otherwise
    /// (the source is then part-read: rewind before reading again).
    [[nodiscard]] std::optional<std::string> read_all(std::size_t limit);
};

/// Bytes already in memory. Does not copy them: they must outlive the source.
class COACHKIT_API MemoryByteSource final : public ByteSource {
public:
    MemoryByteSource(std::string_view bytes, std::string name);
    ~MemoryByteSource() override;
    [[nodiscard]] std::size_t read(char* buffer, std::size_t size) override;
    [[nodiscard]] bool rewind() override;
    [[nodiscard]] std::optional<std::uint64_t> size() const override;
    [[nodiscard]] const std::string& name() const override { return name_; }

private:
    std::string_view bytes_;
    std::size_t position_ = 0;
    std::string name_;
};

/// A file, read in chunks. The constructor throws NotFoundError when it cannot be opened.
class COACHKIT_API FileByteSource final : public ByteSource {
public:
    explicit FileByteSource(const std::filesystem::path& path);
    ~FileByteSource() override;
    [[nodiscard]] std::size_t read(char* buffer, std::size_t size) override;
    [[nodiscard]] bool rewind() override;
    [[nodiscard]] std::optional<std::uint64_t> size() const override;
    [[nodiscard]] const std::string& name() const override { return name_; }

private:
    std::ifstream file_;
    std::string name_;
    std::optional<std::uint64_t> size_;
};

COACHKIT_NAMESPACE_END
