# The skills-profile and principles-audit rubrics; see plugins/CMakeLists.txt.
