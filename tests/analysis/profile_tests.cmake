# Tests of the coaching profile, the levels rubric, corpus scoring and recorded assessments; see
# tests/analysis/CMakeLists.txt.
target_sources(coachkit_analysis_tests PRIVATE
  coaching_profile_test.cpp
  coaching_levels_test.cpp
  corpus_test.cpp)
