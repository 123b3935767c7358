# Sources of coachkit_evidence_tests (reading); see CMakeLists.txt. Byte sources, lines, CSV
# records, the four transcript formats, the sample transcripts (data/transcripts) and the corpus
# of nasty inputs (data/nasty), plus the bounded-memory proof (coachkit_stream_probe).
target_sources(coachkit_evidence_tests PRIVATE
  reading_support.cpp
  byte_source_test.cpp
  line_reader_test.cpp
  csv_reader_test.cpp
  timestamp_test.cpp
  transcript_samples_test.cpp
  transcript_webvtt_test.cpp
  transcript_srt_test.cpp
  transcript_csv_test.cpp
  transcript_text_test.cpp
  nasty_corpus_test.cpp)

# Bounded memory, proven: a ~300 MB transcript is generated in the build tree, read through
# read_transcript and deleted; the test fails if the reader's peak resident memory passes 64 MiB.
# The control test keeps every utterance (as a reader that does not stream would) and must pass
# the bound, so the measure is shown able to fail. Under ASan the shadow memory and quarantine
# make RSS meaningless: the same path runs on a smaller file without a bound.
add_executable(coachkit_stream_probe stream_probe.cpp)
target_link_libraries(coachkit_stream_probe PRIVATE CoachKit::core coachkit_warnings)
if(COACHKIT_SANITIZE)
  set(bounded_memory_size 20)
  set(bounded_memory_bound 0)
else()
  set(bounded_memory_size 300)
  set(bounded_memory_bound 64)
endif()
foreach(format webvtt srt csv text)
  add_test(NAME evidence.bounded_memory.${format}
    COMMAND coachkit_stream_probe --format ${format}
            --generate ${CMAKE_CURRENT_BINARY_DIR}/bounded-memory.${format}.tmp
            --megabytes ${bounded_memory_size} --max-rss-mib ${bounded_memory_bound})
  set_tests_properties(evidence.bounded_memory.${format} PROPERTIES TIMEOUT 120)
endforeach()
if(NOT COACHKIT_SANITIZE)
  add_test(NAME evidence.bounded_memory.control
    COMMAND coachkit_stream_probe --format csv --hold --expect-over-bound
            --generate ${CMAKE_CURRENT_BINARY_DIR}/bounded-memory.control.tmp
            --megabytes 30 --max-rss-mib ${bounded_memory_bound})
  set_tests_properties(evidence.bounded_memory.control PROPERTIES TIMEOUT 120)
endif()
