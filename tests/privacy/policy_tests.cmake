# policy tests: the access matrix read back from docs/privacy.md and checked cell by cell through
# every C++ read path, consent rules, erasure (memory and SQLite stores) and the audit entries
# that reads and consent changes write. They share one programme (privacy_programme.hpp).
target_sources(coachkit_privacy_tests PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/privacy_programme.cpp
  ${CMAKE_CURRENT_LIST_DIR}/matrix_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/consent_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/erasure_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/read_audit_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/assessment_record_test.cpp)
