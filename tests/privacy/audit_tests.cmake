# audit tests: the hash chain, canonical form, SHA-256, verification and tampering found in a
# SQLite store edited through a connection of the test's own (hence SQLite::SQLite3).
find_package(SQLite3 REQUIRED)
target_sources(coachkit_privacy_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR}/audit_test.cpp)
target_link_libraries(coachkit_privacy_tests PRIVATE SQLite::SQLite3)
