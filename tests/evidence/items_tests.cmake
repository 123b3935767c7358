# Sources of coachkit_evidence_tests (items: evidence stored in a programme); see CMakeLists.txt.
target_sources(coachkit_evidence_tests PRIVATE items_test.cpp)
