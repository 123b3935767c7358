# The levels-of-coaching-practice rubric; see plugins/CMakeLists.txt. Its thresholds, levels.json,
# are data beside the library so that they can be recalibrated without recompiling.
coachkit_add_plugin(coaching_levels
  SOURCES coaching-levels/coaching_levels.cpp coaching-levels/level_thresholds.cpp
  MANIFEST ${CMAKE_CURRENT_SOURCE_DIR}/coaching-levels/plugin.json
  DATA ${CMAKE_CURRENT_SOURCE_DIR}/coaching-levels/levels.json
  OUTPUT_DIRECTORY ${COACHKIT_BUILTIN_PLUGIN_DIR}/coaching-levels
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/coachkit/plugins/coaching-levels)
target_link_libraries(coaching_levels PRIVATE coachkit_warnings)
add_dependencies(coachkit_builtin_plugins coaching_levels)
