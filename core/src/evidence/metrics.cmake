# Sources of the evidence area (metrics); see core/CMakeLists.txt.
target_sources(coachkit_core PRIVATE
  src/evidence/coaching_codes.cpp
  src/evidence/coaching_metrics.cpp
  src/evidence/lexical_uptake.cpp
  src/evidence/lesson_metrics.cpp
  src/evidence/question_heuristic.cpp
  src/evidence/role_resolver.cpp
  src/evidence/speaker_roles.cpp
  src/evidence/talk_totals.cpp
  src/evidence/transcript_content.cpp
  src/evidence/turn_codes.cpp)
