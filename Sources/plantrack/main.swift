import PlanTrackCLI
PlanTrack.main()
