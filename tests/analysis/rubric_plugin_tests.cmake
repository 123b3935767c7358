# Tests of the skills-profile and principles-audit rubrics and of the declarative rubrics'
# aggregation of people's scores; see tests/analysis/CMakeLists.txt. The audit's tests build the
# privacy tests' programme (tests/privacy/privacy_programme.cpp) to check what each viewer's audit
# cites.
target_sources(coachkit_analysis_tests PRIVATE
  rubric_plugins_test.cpp
  rubric_plugins_audit_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/../privacy/privacy_programme.cpp)
