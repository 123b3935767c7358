#include "json/exact_json.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value_stack.hpp>
#include <charconv>
#include <string>

COACHKIT_NAMESPACE_BEGIN

namespace {

namespace json = boost::json;

/// boost::json's own value-building handler, with on_double reading the number's text itself.
struct ExactHandler {
    static constexpr std::size_t max_object_size = json::object::max_size();
    static constexpr std::size_t max_array_size = json::array::max_size();
    static constexpr std::size_t max_key_size = json::string::max_size();
    static constexpr std::size_t max_string_size = json::string::max_size();

    json::value_stack stack;
    std::string number;  // the text of a number that arrived in parts

    bool on_document_begin(json::error_code&) { return true; }
    bool on_document_end(json::error_code&) { return true; }
    bool on_object_begin(json::error_code&) { return true; }
    bool on_object_end(std::size_t n, json::error_code&) {
        stack.push_object(n);
        return true;
    }
    bool on_array_begin(json::error_code&) { return true; }
    bool on_array_end(std::size_t n, json::error_code&) {
        stack.push_array(n);
        return true;
    }
    bool on_key_part(json::string_view s, std::size_t, json::error_code&) {
        stack.push_chars(s);
        return true;
    }
    bool on_key(json::string_view s, std::size_t, json::error_code&) {
        stack.push_key(s);
        return true;
    }
    bool on_string_part(json::string_view s, std::size_t, json::error_code&) {
        stack.push_chars(s);
        return true;
    }
    bool on_string(json::string_view s, std::size_t, json::error_code&) {
        stack.push_string(s);
        return true;
    }
    bool on_number_part(json::string_view s, json::error_code&) {
        number.append(s.data(), s.size());
        return true;
    }
    bool on_int64(std::int64_t i, json::string_view, json::error_code&) {
        number.clear();
        stack.push_int64(i);
        return true;
    }
    bool on_uint64(std::uint64_t u, json::string_view, json::error_code&) {
        number.clear();
        stack.push_uint64(u);
        return true;
    }
    bool on_double(double d, json::string_view s, json::error_code&) {
        number.append(s.data(), s.size());
        double exact = 0;
        const char* end = number.data() + number.size();
        const auto result = std::from_chars(number.data(), end, exact);
        // Out of range (1e400) keeps Boost's value, as boost::json::parse would give.
        if (result.ec == std::errc{} && result.ptr == end)
            d = exact;
        number.clear();
        stack.push_double(d);
        return true;
    }
    bool on_bool(bool b, json::error_code&) {
        stack.push_bool(b);
        return true;
    }
    bool on_null(json::error_code&) {
        stack.push_null();
        return true;
    }
    bool on_comment_part(json::string_view, json::error_code&) { return true; }
    bool on_comment(json::string_view, json::error_code&) { return true; }
};

}  // namespace

ExactParse parse_json_exact(std::string_view text) {
    json::basic_parser<ExactHandler> parser{json::parse_options{}};
    parser.handler().stack.reset();
    ExactParse result;
    result.consumed = parser.write_some(false, text.data(), text.size(), result.error);
    if (!result.error && result.consumed != text.size())
        result.error = json::error::extra_data;
    if (!result.error)
        result.value = parser.handler().stack.release();
    return result;
}

COACHKIT_NAMESPACE_END
