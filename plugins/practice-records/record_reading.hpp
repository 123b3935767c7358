// Reading record documents (a running record, a video's details, pupil work…), shared by the
// built-in record evidence sources: one whole JSON document with a schema tag, its fields read with
// JSON pointers, times within a lesson and ids. Private to the plugins (built into each as a static
// library, with hidden symbols), so it may change with them.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <coachkit/diagnostics/diagnostic.hpp>
#include <coachkit/evidence/byte_source.hpp>
#include <coachkit/evidence/csv_reader.hpp>
#include <coachkit/plugin/evidence_source.hpp>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace coachkit::records {

/// A record document is a page of structured notes; anything bigger than this is not one.
inline constexpr std::size_t max_document_bytes = std::size_t{16} << 20;

/// Where a problem is: a JSON pointer in a document, or a line (and column) of a CSV file.
struct Where {
    std::string pointer;
    std::size_t line = 0;
    std::size_t column = 0;

    [[nodiscard]] static Where at_pointer(std::string pointer) {
        return {std::move(pointer), 0, 0};
    }
    [[nodiscard]] static Where at_line(std::size_t line, std::size_t column = 1) {
        return {"", line, column};
    }
};

/// Adds the problems found in one input to the caller's diagnostics, naming the input's origin.
class Reporter {
public:
    Reporter(std::string origin, Diagnostics& out)
        : origin_(std::move(origin)), out_(out), first_(out.size()) {}
    void error(const Where& where, std::string message);
    void warning(const Where& where, std::string message);
    /// True once an error about this input has been reported (through this reporter or by a
    /// coachkit reader writing to the same diagnostics).
    [[nodiscard]] bool failed() const;
    [[nodiscard]] const std::string& origin() const { return origin_; }
    [[nodiscard]] Diagnostics& diagnostics() { return out_; }

private:
    std::string origin_;
    Diagnostics& out_;
    std::size_t first_;  // diagnostics before this one are about other inputs
};

/// The input as one JSON object of the document family `family` (version 1): read whole (at most
/// max_document_bytes), parsed (a syntax error names its line and column), and checked to be an
/// object whose "schema" is `family/1`. Nothing after a reported error.
[[nodiscard]] std::optional<boost::json::object> read_tagged_document(ByteSource& input,
                                                                      std::string_view family,
                                                                      Reporter& report);

/// Passes on at most `limit` bytes of another source, then reports the end: a CSV record is
/// streamed, but like a JSON one it is held in memory once read, so it is bounded the same way.
class BoundedByteSource final : public ByteSource {
public:
    BoundedByteSource(ByteSource& input, std::size_t limit) : input_(input), left_(limit) {}
    ~BoundedByteSource() override;
    [[nodiscard]] std::size_t read(char* buffer, std::size_t size) override;
    [[nodiscard]] bool rewind() override { return false; }
    [[nodiscard]] std::optional<std::uint64_t> size() const override { return input_.size(); }
    [[nodiscard]] const std::string& name() const override { return input_.name(); }
    /// True if the input went on past the limit.
    [[nodiscard]] bool exceeded() const { return exceeded_; }

private:
    ByteSource& input_;
    std::size_t left_;
    bool exceeded_ = false;
};

// ---- CSV inputs (a running record, pupil voice) ------------------------------------------------

/// A cell or a header name without the spaces and tabs around it.
[[nodiscard]] std::string trimmed(std::string_view text);
/// The columns of `csv` that are none of `known` and have a name, with their lower-case names: a
/// record keeps what a spreadsheet adds.
[[nodiscard]] std::vector<std::pair<std::size_t, std::string>> extra_csv_columns(
    const CsvReader& csv, std::initializer_list<std::optional<std::size_t>> known);
/// The items of a cell that lists several, separated by ';': trimmed, empty ones left out.
[[nodiscard]] std::vector<std::string> split_cell_list(std::string_view cell);

/// Reports an input over max_document_bytes.
void report_too_large(Reporter& report);

/// "a string", "an array"…: what a JSON value is, for messages.
[[nodiscard]] const char* json_kind_name(const boost::json::value& value);

/// An id used in metric names and cross-references (an observer, a pseudonymous pupil, a clip):
/// letters, digits, '-', '_' and '.', so that "overlap.obs-a~obs-b.time" stays unambiguous.
[[nodiscard]] bool is_record_id(std::string_view text);

/// A time within a lesson or a recording, as seconds from its start: "HH:MM:SS", "MM:SS" (each
/// with optional fractions) or a number of seconds (a JSON number or a string such as "750").
[[nodiscard]] std::optional<double> parse_offset(const boost::json::value& value);
/// The same for text alone (a CSV cell, an option).
[[nodiscard]] std::optional<double> parse_offset_text(std::string_view text);
/// Seconds as H:MM:SS (fractions kept when present), for messages.
[[nodiscard]] std::string format_offset(double seconds);

enum class Need { optional, required };

/// Reads the fields of one JSON object found at `pointer`. A missing required field, or a field of
/// the wrong type or shape, is reported at its pointer and read as nothing, so that reading goes
/// on and finds the further problems.
class Fields {
public:
    Fields(const boost::json::object& object, std::string pointer, Reporter& report)
        : object_(object), pointer_(std::move(pointer)), report_(report) {}

    [[nodiscard]] const boost::json::value* value(std::string_view key, Need need);
    /// A string with something in it (blank text is reported).
    [[nodiscard]] std::optional<std::string> text(std::string_view key, Need need);
    /// An id (see is_record_id).
    [[nodiscard]] std::optional<std::string> id(std::string_view key, Need need);
    /// A time within the lesson (see parse_offset), in seconds.
    [[nodiscard]] std::optional<double> offset(std::string_view key, Need need);
    /// An ISO 8601 UTC time ("2026-03-04T10:15:00Z"), returned as written.
    [[nodiscard]] std::optional<std::string> utc_time(std::string_view key, Need need);
    /// A calendar date ("2026-03-04").
    [[nodiscard]] std::optional<std::string> date(std::string_view key, Need need);
    /// A number from `minimum` up.
    [[nodiscard]] std::optional<double> number(std::string_view key, Need need, double minimum);
    [[nodiscard]] std::optional<bool> boolean(std::string_view key, Need need);
    [[nodiscard]] const boost::json::array* array(std::string_view key, Need need);
    [[nodiscard]] const boost::json::object* object(std::string_view key, Need need);
    /// An array of non-empty strings; each bad entry is reported and left out.
    [[nodiscard]] std::vector<std::string> texts(std::string_view key, Need need);
    /// An array of ids; each bad entry is reported and left out.
    [[nodiscard]] std::vector<std::string> ids(std::string_view key, Need need);

    /// Calls read(Fields&, index) for each object in the array at `key`; an entry that is not an
    /// object is reported and skipped.
    template <typename Read>
    void each_object(std::string_view key, Need need, Read read) {
        const auto* items = array(key, need);
        if (items == nullptr)
            return;
        for (std::size_t i = 0; i < items->size(); ++i) {
            const std::string at = pointer(key, i);
            const auto* entry = (*items)[i].if_object();
            if (entry == nullptr) {
                report_.error(Where::at_pointer(at), std::string("expected an object, not ") +
                                                         json_kind_name((*items)[i]));
                continue;
            }
            Fields fields(*entry, at, report_);
            read(fields, i);
        }
    }

    /// Copies into `into` every field whose name is not in `known`: unknown fields are kept.
    void keep_unknown(boost::json::object& into,
                      std::initializer_list<std::string_view> known) const;

    [[nodiscard]] const std::string& pointer() const { return pointer_; }
    [[nodiscard]] std::string pointer(std::string_view key) const;
    [[nodiscard]] std::string pointer(std::string_view key, std::size_t index) const;
    [[nodiscard]] const boost::json::object& json() const { return object_; }
    void error(std::string_view key, std::string message);
    void warning(std::string_view key, std::string message);
    [[nodiscard]] Reporter& report() { return report_; }

private:
    const boost::json::object& object_;
    std::string pointer_;
    Reporter& report_;
};

/// Reports options a source does not take (warnings: a caller may pass one request to many
/// sources), naming the ones it does.
void check_options(const IngestRequest& request, std::initializer_list<std::string_view> known,
                   Reporter& report);
/// The option `key` as a number above zero; `fallback` when absent; nothing (reported) when bad.
[[nodiscard]] std::optional<double> positive_number_option(const IngestRequest& request,
                                                           std::string_view key, double fallback,
                                                           Reporter& report);

/// Reports a format the source does not read; true if `request.format` is one of `formats`.
bool check_format(const IngestRequest& request, const std::vector<std::string>& formats,
                  Reporter& report);

/// A JSON Schema written as text in the source (content_schema()); the text is the plugin's own,
/// so a mistake in it is a programming error and throws.
[[nodiscard]] boost::json::object schema_from_text(std::string_view text);

/// A number as people write it (30, 7.5), for messages.
[[nodiscard]] std::string format_number(double number);

/// A count as a metric value.
[[nodiscard]] inline double count(std::size_t n) {
    return static_cast<double>(n);
}

}  // namespace coachkit::records
