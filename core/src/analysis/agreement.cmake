# Sources of the inter-rater agreement statistics; see core/CMakeLists.txt.
target_sources(coachkit_core PRIVATE)
