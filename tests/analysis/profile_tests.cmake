# Tests of the coaching profile, the levels rubric and corpus scoring; see tests/analysis/CMakeLists.txt.
target_sources(coachkit_analysis_tests PRIVATE)
