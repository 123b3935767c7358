# Sources of the heuristic coder of coaching talk; see core/CMakeLists.txt.
target_sources(coachkit_core PRIVATE)
