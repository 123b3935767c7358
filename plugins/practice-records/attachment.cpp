#include "attachment.hpp"

#include <algorithm>

namespace coachkit::records {

bool is_sha256_hex(std::string_view text) {
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
           });
}

std::optional<std::string> read_sha256(Fields& fields, std::string_view key, Need need) {
    auto text = fields.text(key, need);
    if (!text)
        return std::nullopt;
    if (!is_sha256_hex(*text)) {
        fields.error(key, "invalid SHA-256 '" + *text + "' (expected 64 hexadecimal digits, " +
                              std::to_string(text->size()) + " characters given)");
        return std::nullopt;
    }
    std::transform(text->begin(), text->end(), text->begin(),
                   [](char c) { return (c >= 'A' && c <= 'F') ? static_cast<char>(c + 32) : c; });
    return text;
}

namespace {

bool starts_with_no_case(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size())
        return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        const char c = text[i];
        if (((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c) != prefix[i])
            return false;
    }
    return true;
}

// "type/subtype", as media types are written (RFC 6838), parameters allowed after ';'.
bool is_media_type(std::string_view text) {
    const auto slash = text.find('/');
    const auto end = std::min(text.find(';'), text.size());
    return slash != std::string_view::npos && slash > 0 && slash + 1 < end &&
           text.substr(0, end).find_first_of(" \t") == std::string_view::npos;
}

}  // namespace

std::optional<boost::json::object> read_attachment(Fields& attachment) {
    bool ok = true;
    for (const std::string_view inline_field : {"data", "content", "bytes"}) {
        if (attachment.json().contains(inline_field)) {
            attachment.error(inline_field,
                             "attachments are kept by reference: give the file's "
                             "'uri', not its contents in '" +
                                 std::string(inline_field) + "'");
            ok = false;
        }
    }
    const auto uri = attachment.text("uri", Need::required);
    if (uri && starts_with_no_case(*uri, "data:")) {
        attachment.error("uri",
                         "attachments are kept by reference: a data: URI carries the "
                         "file's bytes; give where the file is kept instead");
        ok = false;
    }
    const auto sha256 = read_sha256(attachment, "sha256", Need::optional);
    const auto media_type = attachment.text("media_type", Need::optional);
    if (media_type && !is_media_type(*media_type)) {
        attachment.error("media_type", "invalid media type '" + *media_type +
                                           "' (expected type/subtype, e.g. \"image/jpeg\")");
        ok = false;
    }
    const auto description = attachment.text("description", Need::optional);
    if (!uri || !ok)
        return std::nullopt;
    boost::json::object out{{"uri", *uri}};
    if (sha256)
        out["sha256"] = *sha256;
    if (media_type)
        out["media_type"] = *media_type;
    if (description)
        out["description"] = *description;
    attachment.keep_unknown(out, {"uri", "sha256", "media_type", "description"});
    return out;
}

std::optional<boost::json::object> read_attachment(Fields& parent, std::string_view key,
                                                   Need need) {
    const auto* object = parent.object(key, need);
    if (object == nullptr)
        return std::nullopt;
    Fields attachment(*object, parent.pointer(key), parent.report());
    return read_attachment(attachment);
}

boost::json::array read_attachments(Fields& parent, std::string_view key) {
    boost::json::array out;
    parent.each_object(key, Need::optional, [&](Fields& attachment, std::size_t) {
        if (auto read = read_attachment(attachment))
            out.emplace_back(std::move(*read));
    });
    return out;
}

}  // namespace coachkit::records
