// Private: parsing JSON text so that every number comes back exactly as it was serialised.
#pragma once

#include <boost/json/value.hpp>
#include <boost/system/error_code.hpp>
#include <cstddef>
#include <optional>
#include <string_view>

#include "coachkit/version.hpp"

COACHKIT_NAMESPACE_BEGIN

/// The outcome of parse_json_exact: the value, or the error and where parsing stopped.
struct ExactParse {
    std::optional<boost::json::value> value;
    std::size_t consumed = 0;  ///< on error: the offset of the byte where parsing stopped
    boost::system::error_code error;
};

/// Parses one JSON document like boost::json::parse, except that doubles are converted with
/// std::from_chars, which is correctly rounded. Boost.JSON 1.81's own conversion is not: about one
/// double in eight that needs 16 or 17 significant digits comes back one unit in the last place
/// off, so data written with boost::json::serialize would not read back equal. Every reader of
/// JSON in coachkit (parse_json, the journal's stores) goes through it.
ExactParse parse_json_exact(std::string_view text);

COACHKIT_NAMESPACE_END
