# Sources of coachkit_evidence_tests (records); see CMakeLists.txt. Test data in data/records.
target_sources(coachkit_evidence_tests PRIVATE
  observation_record_test.cpp
  video_recording_test.cpp
  practice_records_test.cpp
  records_contract_test.cpp)
