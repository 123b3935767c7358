# Sources of the inter-rater agreement statistics (docs/agreement.md); included from
# core/CMakeLists.txt. Vocabulary and JSON, the bootstrap, the kappas, alpha, and the readers of
# coders' files.
target_sources(coachkit_core PRIVATE
  src/analysis/agreement.cpp
  src/analysis/agreement_bootstrap.cpp
  src/analysis/agreement_kappa.cpp
  src/analysis/agreement_alpha.cpp
  src/analysis/agreement_readers.cpp)
