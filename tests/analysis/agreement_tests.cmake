# Tests of agreement statistics; see tests/analysis/CMakeLists.txt.
target_sources(coachkit_analysis_tests PRIVATE)
