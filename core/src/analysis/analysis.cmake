# Sources of the coaching profile and corpus scoring; see core/CMakeLists.txt.
target_sources(coachkit_core PRIVATE
  src/analysis/coaching_profile.cpp
  src/analysis/coded_turns.cpp
  src/analysis/corpus.cpp
  src/analysis/corpus_table.cpp
  src/analysis/corpus_manifest.cpp
  src/analysis/profile_features.cpp)
