# Fails if any C++ file under the source tree (outside build folders) is not clang-formatted.
file(GLOB_RECURSE sources
  "${SOURCE_DIR}/core/*.cpp" "${SOURCE_DIR}/core/*.hpp"
  "${SOURCE_DIR}/sdk/*.cpp" "${SOURCE_DIR}/sdk/*.hpp"
  "${SOURCE_DIR}/bindings/*.cpp" "${SOURCE_DIR}/bindings/*.hpp"
  "${SOURCE_DIR}/plugins/*.cpp" "${SOURCE_DIR}/tests/*.cpp" "${SOURCE_DIR}/tests/*.hpp"
  "${SOURCE_DIR}/bench/*.cpp")
execute_process(COMMAND ${CLANG_FORMAT} --dry-run -Werror --style=file ${sources}
  RESULT_VARIABLE result ERROR_VARIABLE errors)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "some files are not formatted (run `make format`):\n${errors}")
endif()
list(LENGTH sources count)
message(STATUS "${count} files formatted")
