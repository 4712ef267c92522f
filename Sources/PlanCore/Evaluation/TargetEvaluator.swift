import Foundation

/// Evaluates targets against observations, exactly as the evaluation rules say: base and latest
/// value, the target as a level, progress, pace, status, trajectory, projection and likelihood.
///
/// Pure: the same target, observations and as-of year always give the same result.
public struct TargetEvaluator: Sendable {
    /// The base year when a target names none (the year before the plan period).
    public var defaultBaseYear: Int
    /// The last year of the plan period (the deadline of annual counts).
    public var planEndYear: Int

    public init(defaultBaseYear: Int = 2022, planEndYear: Int = 2025) {
        self.defaultBaseYear = defaultBaseYear
        self.planEndYear = planEndYear
    }

    /// Evaluates `target` for `regionCode` as of `asOf`.
    /// - Parameters:
    ///   - unitFactor: the multiplier from the target's written unit to the indicator's unit
    ///     (`MeasurementUnit.factor`), applied to stated levels, bases and tolerances.
    ///   - observations: the observations of the target's indicator in that region.
    public func evaluate(
        _ target: Target, regionCode: String, unitFactor: Double = 1, observations: [Observation], asOf: Int
    ) -> TargetEvaluation {
        var run = EvaluationRun(
            target: target, regionCode: regionCode, factor: unitFactor, series: AnnualSeries(observations),
            asOf: asOf, defaultBaseYear: defaultBaseYear, planEndYear: planEndYear)
        switch target.kind {
        case .annualCount: run.evaluateAnnualCount()
        case .cumulative: run.evaluateCumulative()
        default: run.evaluateLevel()
        }
        run.result.flags.sort()
        run.settleOutlook(deadline: target.deadline.finalYear(planEnd: planEndYear))
        // What the reading assumed, and how computed inputs were computed, belong to the explanation.
        for assumption in target.assumptions {
            run.result.explanation.notes.append("Assumption: \(assumption.nameEn) (\(assumption.rawValue)).")
        }
        let used = Set(run.result.explanation.inputs.compactMap(\.period))
        for o in observations where o.provenance.isComputed && used.contains(o.period) {
            run.result.explanation.notes.append("\(o.period) computed: \(o.provenance.source) from \(o.provenance.quote).")
        }
        return run.result
    }
}
