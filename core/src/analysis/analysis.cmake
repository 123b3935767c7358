# Sources of the coaching profile and corpus scoring; see core/CMakeLists.txt.
target_sources(coachkit_core PRIVATE)
