# coachkit_add_plugin(): build a compiled coachkit plugin.
# coachkit_add_data_plugin(): lay out a data-only plugin (a manifest with inline definitions).
#
#   coachkit_add_plugin(greeting SOURCES greeting.cpp MANIFEST plugin.json)
#
# The first builds a MODULE library lib<NAME>.so with hidden visibility and --no-undefined, links it
# to CoachKit::core, puts it beside a copy of the manifest (renamed plugin.json) in its own folder,
# and installs both to INSTALL_DESTINATION (default <libdir>/coachkit/plugins/<NAME>). The manifest's
# "library" must be "lib<NAME>.so"; this is checked when CMake configures.
#
# Options (both functions):
#   OUTPUT_DIRECTORY     where the plugin folder is made in the build tree
#                        (default <current binary dir>/plugins/<NAME>)
#   INSTALL_DESTINATION  where it is installed (default <libdir>/coachkit/plugins/<NAME>)
#   NO_INSTALL           do not install it (test plugins)
# coachkit_add_plugin also takes LINK_LIBRARIES (more libraries to link privately).
# and DATA (files the library reads beside itself at run time, found with
# coachkit::plugin_folder() from <coachkit/plugin/plugin_data.hpp>: copied and installed with it).
include_guard(GLOBAL)
include(GNUInstallDirs)

function(_coachkit_plugin_folders name out_dir out_install)
  cmake_parse_arguments(arg "" "OUTPUT_DIRECTORY;INSTALL_DESTINATION" "" ${ARGN})
  if(NOT arg_OUTPUT_DIRECTORY)
    set(arg_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/plugins/${name})
  endif()
  if(NOT arg_INSTALL_DESTINATION)
    set(arg_INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/coachkit/plugins/${name})
  endif()
  set(${out_dir} ${arg_OUTPUT_DIRECTORY} PARENT_SCOPE)
  set(${out_install} ${arg_INSTALL_DESTINATION} PARENT_SCOPE)
endfunction()

# Copies the manifest into the plugin folder at build time, as plugin.json.
function(_coachkit_plugin_manifest target manifest folder)
  get_filename_component(manifest "${manifest}" ABSOLUTE)
  if(NOT EXISTS "${manifest}")
    message(FATAL_ERROR "coachkit plugin ${target}: manifest ${manifest} not found")
  endif()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${manifest}")
  add_custom_command(OUTPUT ${folder}/plugin.json
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${manifest} ${folder}/plugin.json
    DEPENDS ${manifest} VERBATIM)
  add_custom_target(${target}_manifest ALL DEPENDS ${folder}/plugin.json)
endfunction()

function(coachkit_add_plugin name)
  cmake_parse_arguments(arg "NO_INSTALL" "MANIFEST;OUTPUT_DIRECTORY;INSTALL_DESTINATION"
    "SOURCES;LINK_LIBRARIES;DATA" ${ARGN})
  if(NOT arg_SOURCES OR NOT arg_MANIFEST)
    message(FATAL_ERROR "coachkit_add_plugin(${name}): SOURCES and MANIFEST are required")
  endif()
  _coachkit_plugin_folders(${name} folder install_dir
    OUTPUT_DIRECTORY "${arg_OUTPUT_DIRECTORY}" INSTALL_DESTINATION "${arg_INSTALL_DESTINATION}")

  # The manifest must name the file we build; say so now rather than when a school loads it.
  get_filename_component(arg_MANIFEST "${arg_MANIFEST}" ABSOLUTE)
  if(NOT EXISTS "${arg_MANIFEST}")
    message(FATAL_ERROR "coachkit_add_plugin(${name}): manifest ${arg_MANIFEST} not found")
  endif()
  file(READ "${arg_MANIFEST}" manifest_text)
  string(JSON library ERROR_VARIABLE json_error GET "${manifest_text}" library)
  if(json_error OR NOT library STREQUAL "lib${name}.so")
    message(FATAL_ERROR "coachkit_add_plugin(${name}): ${arg_MANIFEST} must say \"library\": \"lib${name}.so\"")
  endif()

  add_library(${name} MODULE ${arg_SOURCES})
  target_link_libraries(${name} PRIVATE CoachKit::core ${arg_LINK_LIBRARIES})
  target_link_options(${name} PRIVATE -Wl,--no-undefined)
  set_target_properties(${name} PROPERTIES
    PREFIX "lib" SUFFIX ".so"
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LIBRARY_OUTPUT_DIRECTORY ${folder}
    # Installed beside coachkit (<libdir>/coachkit/plugins/<name>/) the core is three levels up;
    # installed elsewhere, the link path to the core library is kept.
    INSTALL_RPATH "$ORIGIN/../../.."
    INSTALL_RPATH_USE_LINK_PATH ON)
  _coachkit_plugin_manifest(${name} "${arg_MANIFEST}" ${folder})
  add_dependencies(${name} ${name}_manifest)
  # Data files the library reads beside itself at run time (thresholds, word lists), so a user
  # can change them without recompiling: copied into the plugin's folder and installed with it.
  set(data_outputs)
  foreach(data_file IN LISTS arg_DATA)
    get_filename_component(data_file "${data_file}" ABSOLUTE)
    get_filename_component(data_name "${data_file}" NAME)
    add_custom_command(OUTPUT ${folder}/${data_name}
      COMMAND ${CMAKE_COMMAND} -E copy_if_different ${data_file} ${folder}/${data_name}
      DEPENDS ${data_file} VERBATIM)
    list(APPEND data_outputs ${folder}/${data_name})
  endforeach()
  if(data_outputs)
    add_custom_target(${name}_data ALL DEPENDS ${data_outputs})
    add_dependencies(${name} ${name}_data)
  endif()
  if(NOT arg_NO_INSTALL)
    install(TARGETS ${name} LIBRARY DESTINATION ${install_dir})
    install(FILES ${arg_MANIFEST} DESTINATION ${install_dir} RENAME plugin.json)
    if(arg_DATA)
      install(FILES ${arg_DATA} DESTINATION ${install_dir})
    endif()
  endif()
endfunction()

function(coachkit_add_data_plugin name)
  cmake_parse_arguments(arg "NO_INSTALL" "MANIFEST;OUTPUT_DIRECTORY;INSTALL_DESTINATION" "" ${ARGN})
  if(NOT arg_MANIFEST)
    message(FATAL_ERROR "coachkit_add_data_plugin(${name}): MANIFEST is required")
  endif()
  _coachkit_plugin_folders(${name} folder install_dir
    OUTPUT_DIRECTORY "${arg_OUTPUT_DIRECTORY}" INSTALL_DESTINATION "${arg_INSTALL_DESTINATION}")
  _coachkit_plugin_manifest(${name} "${arg_MANIFEST}" ${folder})
  if(NOT arg_NO_INSTALL)
    install(FILES ${arg_MANIFEST} DESTINATION ${install_dir} RENAME plugin.json)
  endif()
endfunction()
