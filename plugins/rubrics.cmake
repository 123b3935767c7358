# The skills-profile and principles-audit rubrics; see plugins/CMakeLists.txt. Each is a compiled
# plugin written as a third party would write one (docs/skills-and-principles.md).

coachkit_add_plugin(skills_profile
  SOURCES skills-profile/skills_profile.cpp
          skills-profile/skill_ratings.cpp
          skills-profile/skill_profile.cpp
  MANIFEST ${CMAKE_CURRENT_SOURCE_DIR}/skills-profile/plugin.json
  OUTPUT_DIRECTORY ${COACHKIT_BUILTIN_PLUGIN_DIR}/skills-profile
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/coachkit/plugins/skills-profile)
target_link_libraries(skills_profile PRIVATE coachkit_warnings)

coachkit_add_plugin(principles_audit
  SOURCES principles-audit/principles_audit.cpp
          principles-audit/programme_records.cpp
          principles-audit/principle_checks.cpp
  MANIFEST ${CMAKE_CURRENT_SOURCE_DIR}/principles-audit/plugin.json
  OUTPUT_DIRECTORY ${COACHKIT_BUILTIN_PLUGIN_DIR}/principles-audit
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/coachkit/plugins/principles-audit)
target_link_libraries(principles_audit PRIVATE coachkit_warnings)

add_dependencies(coachkit_builtin_plugins skills_profile principles_audit)
