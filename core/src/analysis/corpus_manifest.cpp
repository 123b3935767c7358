// Reading a corpus manifest.
#include "coachkit/analysis/corpus_manifest.hpp"

#include <boost/json.hpp>

#include "coachkit/json/document.hpp"

COACHKIT_NAMESPACE_BEGIN

std::vector<CorpusEntry> read_corpus_manifest(const std::filesystem::path& path, Diagnostics& out) {
    std::vector<CorpusEntry> entries;
    const std::string origin = path.string();
    const auto error = [&](std::string pointer, std::string message) {
        out.push_back({Severity::error, origin, std::move(pointer), 0, 0, std::move(message)});
    };
    const auto document = read_json_file(path, out);
    if (!document)
        return entries;
    const auto* object = document->if_object();
    const auto* schema = object ? object->if_contains("schema") : nullptr;
    const auto tag =
        schema && schema->is_string() ? SchemaTag::parse(schema->get_string()) : std::nullopt;
    if (!tag || tag->family != "coachkit.coaching-corpus" || tag->version != 1) {
        error("/schema", "expected \"coachkit.coaching-corpus/1\"");
        return entries;
    }
    const auto* list = object->if_contains("transcripts");
    if (list == nullptr || !list->is_array()) {
        error("/transcripts", "expected an array of transcripts");
        return entries;
    }
    const auto folder = path.parent_path();
    for (std::size_t i = 0; i < list->get_array().size(); ++i) {
        const std::string at = pointer_append("/transcripts", i);
        const auto* t = list->get_array()[i].if_object();
        const auto* file = t ? t->if_contains("file") : nullptr;
        if (file == nullptr || !file->is_string() || file->get_string().empty()) {
            error(at, "a transcript needs \"file\", a path relative to the manifest");
            continue;
        }
        CorpusEntry entry;
        entry.file = folder / std::string(file->get_string());
        if (const auto* speakers = t->if_contains("speakers")) {
            if (speakers->is_object())
                entry.speakers = speakers->get_object();
            else
                error(pointer_append(at, "speakers"), "expected an object of name → role");
        }
        if (const auto* level = t->if_contains("level")) {
            if (level->is_string())
                entry.level = std::string(level->get_string());
            else
                error(pointer_append(at, "level"), "expected a level id");
        }
        entries.push_back(std::move(entry));
    }
    return entries;
}

COACHKIT_NAMESPACE_END
