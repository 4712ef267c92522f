import PlanTrackCLI

await PlanTrack.start()
