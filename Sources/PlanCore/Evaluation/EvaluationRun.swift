import Foundation

/// The working state of one evaluation; each `evaluate…` fills `result`.
struct EvaluationRun {
    let target: Target
    let factor: Double
    let series: AnnualSeries
    let asOf: Int
    let defaultBaseYear: Int
    let planEndYear: Int
    var result: TargetEvaluation

    init(
        target: Target, regionCode: String, factor: Double, series: AnnualSeries, asOf: Int,
        defaultBaseYear: Int, planEndYear: Int
    ) {
        self.target = target
        self.factor = factor
        self.series = series
        self.asOf = asOf
        self.defaultBaseYear = defaultBaseYear
        self.planEndYear = planEndYear
        result = TargetEvaluation(
            targetID: target.id, regionCode: regionCode, asOf: asOf, status: .notAssessable,
            likelihood: .unknown, pointsUsed: 0, flags: [], explanation: Explanation())
        result.explanation.inputs.reserveCapacity(4)
        result.explanation.steps.reserveCapacity(8)
    }

    /// Whether the target's written values are levels in (a scale of) the indicator's unit.
    var statesALevel: Bool {
        switch target.kind {
        case .floor, .ceiling, .reach, .about, .annualCount, .cumulative: true
        default: false
        }
    }

    var levelFactor: Double { statesALevel ? factor : 1 }

    mutating func notAssessable(_ flag: EvaluationFlag, _ why: String) {
        result.status = .notAssessable
        result.likelihood = .unknown
        result.flags.append(flag)
        result.explanation.notes.append(why)
    }

    func input(_ name: String, year: Int) -> Explanation.Input? {
        guard let o = series.observation(year) else { return nil }
        return Explanation.Input(
            name: name, value: o.value, period: o.period,
            source: o.provenance.source.isEmpty ? "observation" : o.provenance.source)
    }

    mutating func noteEstimate(year: Int) {
        if series.observation(year)?.provenance.isEstimate == true { result.flags.append(.estimate) }
    }
}
