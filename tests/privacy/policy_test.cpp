// The policy's default cells: every relation and record kind has an answer, the owner sees all,
// and no one but the owner, partners and added viewers sees video.
#include <gtest/gtest.h>

#include <coachkit/coachkit.hpp>

namespace coachkit {
namespace {

TEST(Policy, OwnerAndPartnerSeeEverything) {
    for (const RecordKind kind : all_record_kinds()) {
        EXPECT_EQ(default_access(Relation::owner, kind), Access::allow) << to_string(kind);
        EXPECT_EQ(default_access(Relation::partner, kind), Access::allow) << to_string(kind);
    }
}

TEST(Policy, VideoIsForOwnerPartnersAndAddedViewersOnly) {
    for (const Relation relation : all_relations()) {
        const bool may = relation == Relation::owner || relation == Relation::partner ||
                         relation == Relation::video_viewer;
        EXPECT_EQ(default_access(relation, RecordKind::video) == Access::allow, may)
            << to_string(relation);
    }
}

TEST(Policy, SpellingsRoundTrip) {
    for (const RecordKind kind : all_record_kinds())
        EXPECT_EQ(parse_record_kind(to_string(kind)), kind);
    for (const ConsentKind kind : all_consent_kinds())
        EXPECT_EQ(parse_consent_kind(to_string(kind)), kind);
    EXPECT_FALSE(parse_record_kind("diary"));
    EXPECT_FALSE(parse_consent_kind("share"));
}

}  // namespace
}  // namespace coachkit
