import Foundation
import PlanCore

extension DataTable {
    /// The columns of `plantrack evaluate --format csv`, in this order.
    public static let evaluationColumns = [
        "target_id", "region_code", "as_of", "latest_period", "latest_value", "base_year", "base_value",
        "target_level", "progress", "time_elapsed", "pace_ratio", "status", "trajectory_value", "projection",
        "projection_low", "projection_high", "likelihood", "points_used",
    ]

    /// Evaluations as a table; numbers are plain decimals, empty where not computable.
    public static func evaluations(_ evaluations: [TargetEvaluation]) -> DataTable {
        DataTable(
            columns: evaluationColumns,
            rows: evaluations.map { e in
                [
                    .text(e.targetID), .text(e.regionCode), .integer(e.asOf), .text(e.latestPeriod?.description ?? ""),
                    .number(e.latestValue), .integer(e.baseYear), .number(e.baseValue), .number(e.targetLevel),
                    .number(e.progress), .number(e.timeElapsed), .number(e.paceRatio), .text(e.status.code),
                    .number(e.trajectoryValue), .number(e.projection), .number(e.projectionLow),
                    .number(e.projectionHigh), .text(e.likelihood.code), .integer(e.pointsUsed),
                ]
            })
    }
}
