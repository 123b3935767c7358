# Tests of the heuristic coder; see tests/analysis/CMakeLists.txt.
#   coder_test.cpp           every rule on its cases (data/coder-dev/rule-cases.json), whole
#                            transcripts, bad input, the coaching-transcript source's option `coder`
#   coder_accuracy_test.cpp  agreement with hand-coded transcripts, held to the tables of
#                            docs/heuristic-coder.md
target_sources(coachkit_analysis_tests PRIVATE coder_test.cpp coder_accuracy_test.cpp)
