# aggregate tests: figures, suppression, access, and differencing attacks on generated programmes.
target_sources(coachkit_privacy_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR}/aggregate_test.cpp)
