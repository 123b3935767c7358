# Built-in transcript evidence sources (lesson-transcript, coaching-transcript); see CMakeLists.txt.
coachkit_add_plugin(lesson_transcript
  SOURCES lesson-transcript/lesson_transcript.cpp
  MANIFEST ${CMAKE_CURRENT_SOURCE_DIR}/lesson-transcript/plugin.json
  OUTPUT_DIRECTORY ${COACHKIT_BUILTIN_PLUGIN_DIR}/lesson-transcript
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/coachkit/plugins/lesson-transcript)
target_link_libraries(lesson_transcript PRIVATE coachkit_warnings)

coachkit_add_plugin(coaching_transcript
  SOURCES coaching-transcript/coaching_transcript.cpp
  MANIFEST ${CMAKE_CURRENT_SOURCE_DIR}/coaching-transcript/plugin.json
  OUTPUT_DIRECTORY ${COACHKIT_BUILTIN_PLUGIN_DIR}/coaching-transcript
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/coachkit/plugins/coaching-transcript)
target_link_libraries(coaching_transcript PRIVATE coachkit_warnings)

add_dependencies(coachkit_builtin_plugins lesson_transcript coaching_transcript)
