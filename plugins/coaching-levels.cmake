# The levels-of-coaching-practice rubric; see plugins/CMakeLists.txt.
