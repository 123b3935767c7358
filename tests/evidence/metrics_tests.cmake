# Sources of coachkit_evidence_tests (metrics); see CMakeLists.txt.
target_sources(coachkit_evidence_tests PRIVATE
  coaching_metrics_test.cpp
  lesson_metrics_test.cpp
  question_heuristic_test.cpp
  speaker_roles_test.cpp
  transcript_plugins_test.cpp)
