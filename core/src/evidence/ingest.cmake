# The evidence area (ingestion through a named source); included from core/CMakeLists.txt.
target_sources(coachkit_core PRIVATE
  src/evidence/ingest.cpp)
