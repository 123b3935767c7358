# Built-in record evidence sources (observation-record, video-recording, practice-records); see
# CMakeLists.txt. Each is a compiled plugin written as a third party would write one.

# What the three share: reading one JSON document with pointers, times within a lesson, ids,
# attachments by reference and the lesson phases. A static library with hidden symbols, so each
# plugin carries its own copy and none exports it.
add_library(coachkit_record_reading STATIC
  practice-records/record_reading.cpp
  practice-records/attachment.cpp
  practice-records/lesson_phase.cpp)
target_include_directories(coachkit_record_reading PUBLIC
  ${CMAKE_CURRENT_SOURCE_DIR}/practice-records)
target_link_libraries(coachkit_record_reading PUBLIC CoachKit::core PRIVATE coachkit_warnings)
set_target_properties(coachkit_record_reading PROPERTIES
  POSITION_INDEPENDENT_CODE ON
  CXX_VISIBILITY_PRESET hidden
  VISIBILITY_INLINES_HIDDEN ON)

coachkit_add_plugin(observation_record
  SOURCES observation-record/observation_record.cpp
          observation-record/read_running_record_json.cpp
          observation-record/read_running_record_csv.cpp
          observation-record/running_record.cpp
          observation-record/measure_running_record.cpp
  MANIFEST ${CMAKE_CURRENT_SOURCE_DIR}/observation-record/plugin.json
  LINK_LIBRARIES coachkit_record_reading
  OUTPUT_DIRECTORY ${COACHKIT_BUILTIN_PLUGIN_DIR}/observation-record
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/coachkit/plugins/observation-record)
target_link_libraries(observation_record PRIVATE coachkit_warnings)

coachkit_add_plugin(video_recording
  SOURCES video-recording/video_recording.cpp
          video-recording/read_video_record.cpp
          video-recording/measure_video_record.cpp
  MANIFEST ${CMAKE_CURRENT_SOURCE_DIR}/video-recording/plugin.json
  LINK_LIBRARIES coachkit_record_reading
  OUTPUT_DIRECTORY ${COACHKIT_BUILTIN_PLUGIN_DIR}/video-recording
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/coachkit/plugins/video-recording)
target_link_libraries(video_recording PRIVATE coachkit_warnings)

coachkit_add_plugin(practice_records
  SOURCES practice-records/practice_records.cpp
          practice-records/pupil_work.cpp
          practice-records/pupil_voice.cpp
          practice-records/read_pupil_voice_json.cpp
          practice-records/read_pupil_voice_csv.cpp
          practice-records/lesson_plan.cpp
  MANIFEST ${CMAKE_CURRENT_SOURCE_DIR}/practice-records/plugin.json
  LINK_LIBRARIES coachkit_record_reading
  OUTPUT_DIRECTORY ${COACHKIT_BUILTIN_PLUGIN_DIR}/practice-records
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/coachkit/plugins/practice-records)
target_link_libraries(practice_records PRIVATE coachkit_warnings)

add_dependencies(coachkit_builtin_plugins observation_record video_recording practice_records)
