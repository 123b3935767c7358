# Sources of the evidence area (reading); included from core/CMakeLists.txt. Byte sources, lines,
# CSV records, and transcripts in four formats (one file per format, sharing format_reader.hpp and
# text_rules.hpp). Described in docs/transcript-formats.md.
target_sources(coachkit_core PRIVATE
  src/evidence/byte_source.cpp
  src/evidence/line_reader.cpp
  src/evidence/csv_reader.cpp
  src/evidence/text_rules.cpp
  src/evidence/format_reader.cpp
  src/evidence/transcript.cpp
  src/evidence/transcript_webvtt.cpp
  src/evidence/transcript_srt.cpp
  src/evidence/transcript_csv.cpp
  src/evidence/transcript_text.cpp)
