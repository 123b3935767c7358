# Installs the build into a temporary prefix, then configures, builds and runs a small outside
# project that uses find_package(CoachKit). Fails on the first step that fails.
file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "command failed (${result}): ${ARGN}\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()

run(${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${prefix}")
run(${CMAKE_COMMAND} -S "${CONSUMER_DIR}" -B "${WORK_DIR}/consumer" -G "${GENERATOR}"
    "-DCMAKE_PREFIX_PATH=${prefix}" "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}" "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}"
    "-DCMAKE_EXE_LINKER_FLAGS=${CXX_FLAGS}")
run(${CMAKE_COMMAND} --build "${WORK_DIR}/consumer")
run("${WORK_DIR}/consumer/consumer")
message(STATUS "consumer printed:\n${last_output}")
if(NOT last_output MATCHES "modes: 3" OR NOT last_output MATCHES "shared by all: 5")
  message(FATAL_ERROR "unexpected output from the consumer:\n${last_output}")
endif()

# The installed CLI runs from the prefix (its rpath finds the installed library).
run("${prefix}/bin/coachkit" framework theme 1)
if(NOT last_output MATCHES "setting learning goals")
  message(FATAL_ERROR "installed coachkit printed:\n${last_output}")
endif()

# The built-in plugins are found in the install tree as in the build tree, and the compiled one
# loads from there (its rpath finds the installed library).
run("${prefix}/bin/coachkit" plugins show evidence-source learner-reflection)
if(NOT last_output MATCHES "personal-data")
  message(FATAL_ERROR "installed coachkit could not use its compiled built-in plugin:\n${last_output}")
endif()

# A third party's plugin: the SDK template, built outside our tree against the installed package
# with find_package(CoachKit) and coachkit_add_plugin, then found through COACHKIT_PLUGIN_PATH.
run(${CMAKE_COMMAND} -S "${TEMPLATE_DIR}" -B "${WORK_DIR}/template" -G "${GENERATOR}"
    "-DCMAKE_PREFIX_PATH=${prefix}" "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}" "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}"
    "-DCMAKE_MODULE_LINKER_FLAGS=${CXX_FLAGS}")
run(${CMAKE_COMMAND} --build "${WORK_DIR}/template")
set(template_plugins "${WORK_DIR}/template/plugins")
run("${prefix}/bin/coachkit" plugins validate "${template_plugins}/my_school_plugin")
run(${CMAKE_COMMAND} -E env "COACHKIT_PLUGIN_PATH=${template_plugins}"
    "${prefix}/bin/coachkit" plugins show coaching-guide my-school-guide)
if(NOT last_output MATCHES "\"phases\"")
  message(FATAL_ERROR "the template plugin was not found or did not work:\n${last_output}")
endif()
message(STATUS "third-party plugin from the template:\n${last_output}")

# The installed Python package imports from the prefix (its rpath finds the installed library).
if(PYTHON_EXECUTABLE)
  file(GLOB_RECURSE installed_module "${prefix}/*/_coachkit*.so")
  list(GET installed_module 0 module_path)
  get_filename_component(package_dir "${module_path}" DIRECTORY)
  get_filename_component(site_dir "${package_dir}" DIRECTORY)
  run(${CMAKE_COMMAND} -E env "PYTHONPATH=${site_dir}" "${PYTHON_EXECUTABLE}"
      "${CMAKE_CURRENT_LIST_DIR}/check_installed_python.py")
  if(NOT last_output MATCHES "10 principles")
    message(FATAL_ERROR "installed Python package printed:\n${last_output}")
  endif()
endif()
