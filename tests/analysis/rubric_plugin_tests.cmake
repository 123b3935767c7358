# Tests of the skills-profile and principles-audit rubrics; see tests/analysis/CMakeLists.txt.
target_sources(coachkit_analysis_tests PRIVATE)
