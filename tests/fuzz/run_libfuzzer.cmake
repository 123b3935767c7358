# Runs one libFuzzer target for a while over a fresh copy of its seeds (libFuzzer writes what it
# finds into its first corpus folder, so the seeds in the source tree are never touched).
#   cmake -DFUZZER=exe -DSEEDS="a|b" -DWORK_DIR=dir -DARTIFACTS=dir -DDICTIONARY=file
#         -DSECONDS=10 -P run_libfuzzer.cmake
foreach(variable FUZZER SEEDS WORK_DIR ARTIFACTS DICTIONARY SECONDS)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "run_libfuzzer.cmake: ${variable} is not set")
  endif()
endforeach()

file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR} ${ARTIFACTS})
string(REPLACE "|" ";" seeds "${SEEDS}")
foreach(seed IN LISTS seeds)
  if(IS_DIRECTORY ${seed})
    file(GLOB files LIST_DIRECTORIES false ${seed}/*)
  else()
    set(files ${seed})
  endif()
  foreach(file IN LISTS files)
    # Seeds from different folders may share a name: keep the folder in the copy's name.
    get_filename_component(folder ${file} DIRECTORY)
    get_filename_component(folder ${folder} NAME)
    get_filename_component(name ${file} NAME)
    file(COPY_FILE ${file} ${WORK_DIR}/${folder}-${name})
  endforeach()
endforeach()

execute_process(
  COMMAND ${FUZZER} -max_total_time=${SECONDS} -max_len=65536 -timeout=25 -rss_limit_mb=2048
          -print_final_stats=1 -dict=${DICTIONARY} -artifact_prefix=${ARTIFACTS}/ ${WORK_DIR}
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR
    "the fuzzer stopped with ${result}: the input that did it is in ${ARTIFACTS} "
    "(run `${FUZZER} ${ARTIFACTS}/<file>` to reproduce)")
endif()
