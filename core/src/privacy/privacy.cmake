# The privacy policy, consent and viewers' redacted views.
target_sources(coachkit_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/policy.cpp
  ${CMAKE_CURRENT_LIST_DIR}/records.cpp
  ${CMAKE_CURRENT_LIST_DIR}/consent.cpp
  ${CMAKE_CURRENT_LIST_DIR}/view.cpp)
