// The audit log's entries: their canonical form, the SHA-256 that chains them, and the checks and
// chaining every log applies on append.
#include "coachkit/privacy/audit.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "coachkit/journal/time.hpp"
#include "coachkit/json/document.hpp"
#include "privacy/audit_chain.hpp"

COACHKIT_NAMESPACE_BEGIN

AuditLog::~AuditLog() = default;

// ---- the canonical form ----------------------------------------------------------------------
//
// An entry's hash is SHA-256 of these bytes: one JSON object, no white space anywhere, with exactly
// these nine keys in exactly this order (every key always present, an empty text as ""):
//
//   {"sequence":7,"at":"2026-11-22T14:05:00Z","actor":"olu","action":"read",
//    "record":"note:c-1/observe/1","access":"allow","via":"cli programme show",
//    "detail":{},"previous":"<64 hex digits>"}
//
// - `sequence` is a whole number in decimal; the other eight are texts except `detail`.
// - Texts are written as their UTF-8 bytes, except: `"` and `\` escaped as \" and \\; the
//   control characters U+0008, U+0009, U+000A, U+000C, U+000D as \b, \t, \n, \f, \r; every other
//   byte below 0x20 as \u00xx with lower-case hex. Nothing else is escaped (not '/', not U+007F,
//   not non-ASCII).
// - `detail` is a JSON object written the same way, with the keys of every object in it (at any
//   depth) sorted by their UTF-8 bytes (which is code point order); arrays keep their order.
//   Whole numbers are written in decimal; other numbers (doubles) as the shortest decimal that
//   reads back as the same double, in the form D[.DDD]E[-]X (0.1 is 1E-1, 2.0 is 2E0, -0.0 is
//   -0E0); true, false, null as themselves.
//
// This is what Python's json.dumps(entry, ensure_ascii=False, separators=(",", ":")) writes, with
// the keys in this order and `detail` sorted, for any entry whose detail holds no doubles; the CLI
// tests rebuild the chain that way (tests/cli/test_audit_cli.py), and docs/privacy.md repeats it.

namespace {

void write_text(std::string& out, std::string_view text) {
    out += '"';
    for (const char c : text) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char escaped[8];
                    std::snprintf(escaped, sizeof escaped, "\\u%04x",
                                  static_cast<unsigned>(static_cast<unsigned char>(c)));
                    out += escaped;
                } else {
                    out += c;
                }
        }
    }
    out += '"';
}

/// The shortest round-trip digits in scientific form, "1.5e+01" → "1.5E1".
void write_double(std::string& out, double value) {
    if (!std::isfinite(value)) {
        // Never appended (require_appendable refuses them); written somehow so that hashing a
        // damaged entry cannot fail.
        out += "null";
        return;
    }
    char digits[64];
    const auto result =
        std::to_chars(digits, digits + sizeof digits, value, std::chars_format::scientific);
    std::string_view text(digits, static_cast<std::size_t>(result.ptr - digits));
    const auto e = text.find('e');
    out += text.substr(0, e);
    out += 'E';
    std::string_view exponent = text.substr(e + 1);
    if (exponent.front() == '-')
        out += '-';
    if (exponent.front() == '-' || exponent.front() == '+')
        exponent.remove_prefix(1);
    while (exponent.size() > 1 && exponent.front() == '0')
        exponent.remove_prefix(1);
    out += exponent;
}

void write_value(std::string& out, const boost::json::value& value);

void write_sorted_object(std::string& out, const boost::json::object& object) {
    std::vector<const boost::json::key_value_pair*> members;
    members.reserve(object.size());
    for (const auto& member : object)
        members.push_back(&member);
    // string_view compares as unsigned char: UTF-8 byte order, which is code point order.
    std::sort(members.begin(), members.end(),
              [](const auto* a, const auto* b) { return a->key() < b->key(); });
    out += '{';
    bool first = true;
    for (const auto* member : members) {
        if (!first)
            out += ',';
        first = false;
        write_text(out, member->key());
        out += ':';
        write_value(out, member->value());
    }
    out += '}';
}

void write_value(std::string& out, const boost::json::value& value) {
    switch (value.kind()) {
        case boost::json::kind::null:
            out += "null";
            break;
        case boost::json::kind::bool_:
            out += value.get_bool() ? "true" : "false";
            break;
        case boost::json::kind::int64:
            out += std::to_string(value.get_int64());
            break;
        case boost::json::kind::uint64:
            out += std::to_string(value.get_uint64());
            break;
        case boost::json::kind::double_:
            write_double(out, value.get_double());
            break;
        case boost::json::kind::string:
            write_text(out, value.get_string());
            break;
        case boost::json::kind::array: {
            out += '[';
            bool first = true;
            for (const auto& element : value.get_array()) {
                if (!first)
                    out += ',';
                first = false;
                write_value(out, element);
            }
            out += ']';
            break;
        }
        case boost::json::kind::object:
            write_sorted_object(out, value.get_object());
            break;
    }
}

void write_member(std::string& out, std::string_view key, std::string_view text) {
    out += ",\"";
    out += key;
    out += "\":";
    write_text(out, text);
}

Diagnostic problem_at(std::string_view log, std::string pointer, std::string message) {
    return Diagnostic{Severity::error,   std::string(log), std::move(pointer), 0, 0,
                      std::move(message)};
}

}  // namespace

std::string audit_canonical_form(const AuditEntry& entry) {
    std::string out = "{\"sequence\":" + std::to_string(entry.sequence);
    write_member(out, "at", entry.at);
    write_member(out, "actor", entry.actor);
    write_member(out, "action", entry.action);
    write_member(out, "record", entry.record);
    write_member(out, "access", entry.access);
    write_member(out, "via", entry.via);
    out += ",\"detail\":";
    write_sorted_object(out, entry.detail);
    write_member(out, "previous", entry.previous);
    out += '}';
    return out;
}

std::string sha256_hex(std::string_view bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1)
        throw Error("cannot compute a SHA-256 hash: OpenSSL's libcrypto failed");
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * length);
    for (unsigned int i = 0; i < length; ++i) {
        out += kHex[digest[i] >> 4];
        out += kHex[digest[i] & 0x0F];
    }
    return out;
}

const std::string& audit_genesis_hash() {
    static const std::string genesis(64, '0');
    return genesis;
}

boost::json::object to_json(const AuditEntry& entry) {
    boost::json::object out;
    out["sequence"] = entry.sequence;
    out["at"] = entry.at;
    out["actor"] = entry.actor;
    out["action"] = entry.action;
    out["record"] = entry.record;
    out["access"] = entry.access;
    out["via"] = entry.via;
    out["detail"] = entry.detail;
    out["previous"] = entry.previous;
    out["hash"] = entry.hash;
    return out;
}

void require_appendable(const std::vector<AuditEntry>& entries, std::string_view log) {
    Diagnostics problems;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const AuditEntry& entry = entries[i];
        const std::string at = pointer_append("", i);
        auto missing = [&](std::string_view field) {
            problems.push_back(problem_at(log, pointer_append(at, field),
                                          "'" + std::string(field) + "' must not be empty"));
        };
        if (entry.at.empty()) {
            missing("at");
        } else if (auto problem = utc_time_problem(entry.at); !problem.empty()) {
            problems.push_back(problem_at(log, pointer_append(at, "at"), std::move(problem)));
        }
        if (entry.actor.empty())
            missing("actor");
        if (entry.action.empty())
            missing("action");
        if (auto where = find_non_finite_number(entry.detail, pointer_append(at, "detail"))) {
            problems.push_back(problem_at(log, *where,
                                          "a number that is not finite (NaN or infinity) cannot "
                                          "be stored: JSON has no way to write it"));
        }
    }
    if (!problems.empty())
        throw InvalidDocumentError(std::move(problems));
}

void chain_entries(std::vector<AuditEntry>& entries, std::int64_t last_sequence,
                   const std::string& last_hash) {
    std::string previous = last_hash;
    for (auto& entry : entries) {
        entry.sequence = ++last_sequence;
        entry.previous = std::move(previous);
        entry.hash = sha256_hex(audit_canonical_form(entry));
        previous = entry.hash;
    }
}

COACHKIT_NAMESPACE_END
