# Sources of the heuristic coder of coaching talk; see core/CMakeLists.txt.
#   heuristic_coder_rules.cpp     the rules and word lists, as data (docs/heuristic-coder.md)
#   heuristic_coder.cpp           the engine: one turn's words, cue matching, the rules in order
#   heuristic_coder_analysis.cpp  whole transcripts, and filling the gaps of a coded one
target_sources(coachkit_core PRIVATE
  src/evidence/heuristic_coder.cpp
  src/evidence/heuristic_coder_analysis.cpp
  src/evidence/heuristic_coder_rules.cpp)
