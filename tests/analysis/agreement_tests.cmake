# Tests of agreement statistics (published worked examples, bad input) and of reading coders'
# files (fixtures in data/agreement); see tests/analysis/CMakeLists.txt.
target_sources(coachkit_analysis_tests PRIVATE
  agreement_test.cpp
  agreement_readers_test.cpp)
