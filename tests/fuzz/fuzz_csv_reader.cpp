// Fuzz target: CsvReader. Every record has the header's width and starts on a later line than
// the one before; chunking changes nothing; problems are diagnostics, never exceptions.
#include <vector>

#include "fuzz_support.hpp"

namespace {

struct Reading {
    std::vector<std::string> header;
    std::vector<coachkit::CsvRecord> records;
    coachkit::Diagnostics diagnostics;
};

Reading read(coachkit::ByteSource& input) {
    Reading result;
    coachkit::DiagnosticSink sink(result.diagnostics, "fuzz");
    coachkit::CsvReader reader(input, sink);
    result.header = reader.header();
    coachkit::CsvRecord record;
    while (reader.next(record))
        result.records.push_back(record);
    sink.finish();
    return result;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using coachkit::fuzz::check;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    coachkit::MemoryByteSource whole_input(bytes, "fuzz");
    const Reading whole = read(whole_input);
    coachkit::fuzz::ChunkedSource chunked_input(bytes, coachkit::fuzz::chunk_size_for(bytes),
                                                "fuzz");
    const Reading chunked = read(chunked_input);

    check(whole.header == chunked.header, "chunking changes nothing");
    check(whole.records.size() == chunked.records.size(), "chunking changes nothing");
    check(whole.diagnostics.size() == chunked.diagnostics.size(), "chunking changes nothing");
    coachkit::fuzz::check_diagnostics(whole.diagnostics);
    check(whole.header.size() <= coachkit::max_csv_columns, "the header is bounded");
    std::size_t line = 0;
    for (std::size_t i = 0; i < whole.records.size(); ++i) {
        const auto& record = whole.records[i];
        check(record.fields == chunked.records[i].fields, "chunking changes nothing");
        check(record.fields.size() == whole.header.size(), "a record has the header's width");
        check(record.line > line, "records come in line order");
        line = record.line;
        std::size_t bytes_in_record = 0;
        for (const auto& field : record.fields)
            bytes_in_record += field.size();
        check(bytes_in_record <= coachkit::max_csv_record_bytes, "a record is bounded");
    }
    if (whole.header.empty())
        check(coachkit::has_errors(whole.diagnostics), "no header is an error");
    return 0;
}
