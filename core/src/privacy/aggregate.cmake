# k-anonymous aggregates: the public API and the table (aggregate.cpp), cycles in their cells
# (aggregate_cells.cpp), which groups are shown (aggregate_suppression.cpp).
target_sources(coachkit_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/aggregate.cpp
  ${CMAKE_CURRENT_LIST_DIR}/aggregate_cells.cpp
  ${CMAKE_CURRENT_LIST_DIR}/aggregate_suppression.cpp)
