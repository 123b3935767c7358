# The audit log (hash chain): entries, their canonical form and SHA-256, verification, the memory
# log; and the SQLite store's audit table and erasure support, which share the store's connection.
# SHA-256 comes from OpenSSL's libcrypto, a private dependency (no OpenSSL type in a public header).
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
target_sources(coachkit_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/audit.cpp
  ${CMAKE_CURRENT_LIST_DIR}/audit_verify.cpp
  ${CMAKE_CURRENT_LIST_DIR}/memory_audit_log.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../journal/sqlite_connection.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../journal/sqlite_audit.cpp
  ${CMAKE_CURRENT_LIST_DIR}/../journal/erase_check.cpp)
target_link_libraries(coachkit_core PRIVATE OpenSSL::Crypto)
