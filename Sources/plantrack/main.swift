import PlanTrackCLI
import PlanTrackServe

await PlanTrack<ServeCommand>.start()
