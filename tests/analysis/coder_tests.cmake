# Tests of the heuristic coder; see tests/analysis/CMakeLists.txt.
target_sources(coachkit_analysis_tests PRIVATE)
