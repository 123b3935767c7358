# Every public header compiles on its own: a user may include any one of them first.
file(GLOB_RECURSE headers "${SOURCE_DIR}/core/include/coachkit/*.hpp")
foreach(header IN LISTS headers)
  execute_process(
    COMMAND ${CXX} -std=c++20 -fsyntax-only -Wall -Wextra -Wpedantic -DBOOST_DLL_USE_STD_FS
            -I${SOURCE_DIR}/core/include -I${GENERATED_INCLUDE} -x c++ ${header}
    RESULT_VARIABLE result ERROR_VARIABLE errors)
  # "#pragma once in main file" is the only warning expected when a header is compiled alone.
  string(REGEX REPLACE "[^\n]*#pragma once in main file[^\n]*\n[^\n]*\n[^\n]*\n" "" errors "${errors}")
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "${header} does not compile on its own:\n${errors}")
  endif()
endforeach()
list(LENGTH headers count)
message(STATUS "${count} public headers compile on their own")
