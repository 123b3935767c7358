// What every record source promises, checked on its worked example: the manifest and the library
// agree on formats and privacy, every metric computed is declared by measures(), and the content
// has the fields its content_schema() requires.
#include <set>

#include "evidence_support.hpp"
#include "records_support.hpp"

namespace coachkit::testing {
namespace {

struct Example {
    std::string source;
    std::string file;
    std::string format;
    boost::json::object options;
};

std::vector<Example> examples() {
    return {
        {"observation-record", "records/paired_lesson.json", "json", {}},
        {"observation-record",
         "records/paired_lesson.csv",
         "csv",
         {{"lesson_starts", "00:00:00"}, {"lesson_ends", "00:50:00"}}},
        {"video-recording", "records/lesson_video.json", "json", {}},
        {"pupil-work", "records/pupil_work.json", "json", {}},
        {"pupil-voice", "records/pupil_voice.json", "json", {}},
        {"pupil-voice", "records/pupil_voice.csv", "csv", {}},
        {"lesson-plan", "records/lesson_plan.json", "json", {}},
    };
}

// "overlap.*.time" matches "overlap.obs-a~obs-b.time": '*' stands for one or more characters.
bool matches(std::string_view pattern, std::string_view name) {
    const auto star = pattern.find('*');
    if (star == std::string_view::npos)
        return pattern == name;
    const auto prefix = pattern.substr(0, star);
    const auto suffix = pattern.substr(star + 1);
    return name.size() > prefix.size() + suffix.size() && name.substr(0, prefix.size()) == prefix &&
           name.substr(name.size() - suffix.size()) == suffix;
}

TEST(RecordSources, ManifestAndLibraryAgree) {
    const std::map<std::string, std::string> privacy = {{"observation-record", "personal-data"},
                                                        {"video-recording", "pupil-images"},
                                                        {"pupil-work", "personal-data"},
                                                        {"pupil-voice", "personal-data"},
                                                        {"lesson-plan", "no-personal-data"}};
    for (const auto& [id, expected] : privacy) {
        const auto descriptor = builtin_registry().find(ComponentKind::evidence_source, id);
        ASSERT_TRUE(descriptor) << id;
        const auto source = builtin_source(id);
        EXPECT_EQ(to_string(source->privacy()), expected) << id;
        EXPECT_EQ(descriptor->metadata.at("privacy"), boost::json::value(expected)) << id;
        boost::json::array formats;
        for (const auto& format : source->formats())
            formats.emplace_back(format);
        EXPECT_EQ(descriptor->metadata.at("formats"), formats) << id;
    }
}

TEST(RecordSources, EveryMetricIsDeclared) {
    for (const auto& example : examples()) {
        const auto source = builtin_source(example.source);
        const auto declared = source->measures();
        std::set<std::string> ids;
        for (const auto& info : declared) {
            EXPECT_TRUE(ids.insert(info.id).second) << example.source << ": " << info.id;
            EXPECT_FALSE(info.description.empty()) << info.id;
            EXPECT_FALSE(info.unit.empty()) << info.id;
        }
        const auto result = ingest_bytes(*source, read_bytes(evidence_data(example.file)),
                                         example.format, example.file, example.options);
        ASSERT_TRUE(result.ok()) << example.file << "\n" << result.text();
        ASSERT_FALSE(result.content.metrics.empty()) << example.file;
        for (const auto& [name, value] : result.content.metrics) {
            const bool known = std::any_of(declared.begin(), declared.end(), [&](const auto& info) {
                return matches(info.id, name);
            });
            EXPECT_TRUE(known) << example.source << " computes '" << name
                               << "', which measures() does not declare";
            EXPECT_TRUE(std::isfinite(value)) << name;
        }
    }
}

TEST(RecordSources, ContentHasWhatItsSchemaRequires) {
    for (const auto& example : examples()) {
        const auto source = builtin_source(example.source);
        const auto schema = source->content_schema();
        EXPECT_EQ(schema.at("type"), "object") << example.source;
        const auto result = ingest_bytes(*source, read_bytes(evidence_data(example.file)),
                                         example.format, example.file, example.options);
        ASSERT_TRUE(result.ok()) << example.file << "\n" << result.text();
        const auto& content = result.content.content.as_object();
        for (const auto& key : schema.at("required").as_array())
            EXPECT_TRUE(content.contains(key.as_string())) << example.file << ": " << key;
        EXPECT_EQ(content.at("schema"), schema.at("properties").at("schema").at("const"))
            << example.file;
    }
}

}  // namespace
}  // namespace coachkit::testing
