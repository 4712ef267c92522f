import Foundation

/// The evaluation of one target for one region as of one year: every number a page or report
/// shows, with the explanation of how it was reached.
public struct TargetEvaluation: Sendable, Hashable {
    public var targetID: String
    public var regionCode: String
    /// The year the evaluation is made as of.
    public var asOf: Int
    /// The period of the latest observation used (before any carry-forward), if any.
    public var latestPeriod: Period?
    /// The latest value (a running sum for cumulative targets, the year's flow for annual counts).
    public var latestValue: Double?
    public var baseYear: Int?
    public var baseValue: Double?
    /// The target as a level in the indicator's unit (the nearest band edge for a band outside).
    public var targetLevel: Double?
    /// The more demanding end of a stated range, if any.
    public var stretchLevel: Double?
    /// The band of an "about" target with no good direction, in the indicator's unit.
    public var band: ClosedRange<Double>?
    /// Task progress P (share of the planned change achieved); uncapped.
    public var progress: Double?
    /// Time elapsed τ.
    public var timeElapsed: Double?
    /// Pace ratio R.
    public var paceRatio: Double?
    public var status: EvaluationStatus
    /// The planned trajectory's value in the evaluation year.
    public var trajectoryValue: Double?
    /// The central projection at the deadline and its band.
    public var projection: Double?
    public var projectionLow: Double?
    public var projectionHigh: Double?
    public var likelihood: Likelihood
    /// How many points the projection used.
    public var pointsUsed: Int
    public var confidence: TrendConfidence?
    /// The desired direction used (−1, 0 for a band inside, +1).
    public var direction: Direction?
    public var flags: [EvaluationFlag]
    public var explanation: Explanation

    /// The stocktake ordering key (§6): the gap to trajectory in target units, `(y − y*) / (T − B)`.
    public var trajectoryGapInTargetUnits: Double? {
        guard let y = latestValue, let ystar = trajectoryValue, let t = targetLevel, let b = baseValue, t != b,
            progress != nil
        else { return nil }
        return (y - ystar) / (t - b)
    }
}

/// Why an evaluation came out as it did: the formula, its inputs with their sources, and the
/// intermediate numbers.
public struct Explanation: Sendable, Hashable {
    /// The rule applied, in words and symbols (e.g. `P = (y − B)/(T − B); R = P/τ`).
    public var formula: String
    /// The inputs, each with where it came from.
    public var inputs: [Input]
    /// Intermediate and final numbers, in order.
    public var steps: [Step]
    /// Sentences that say what happened (base moved, value carried forward, not assessable because …).
    public var notes: [String]

    public init(formula: String = "", inputs: [Input] = [], steps: [Step] = [], notes: [String] = []) {
        self.formula = formula
        self.inputs = inputs
        self.steps = steps
        self.notes = notes
    }

    /// One input value.
    public struct Input: Sendable, Hashable {
        /// What it is: `base`, `latest`, `target`, `flow 2024` …
        public var name: String
        public var value: Double
        /// The period of the observation it came from, if any.
        public var period: Period?
        /// The observation's source, or `catalog` for a value stated in the plan.
        public var source: String

        public init(name: String, value: Double, period: Period? = nil, source: String) {
            self.name = name
            self.value = value
            self.period = period
            self.source = source
        }
    }

    /// One computed number.
    public struct Step: Sendable, Hashable {
        public var name: String
        public var value: Double

        public init(name: String, value: Double) {
            self.name = name
            self.value = value
        }
    }

    mutating func step(_ name: String, _ value: Double?) {
        if let value, value.isFinite { steps.append(Step(name: name, value: value)) }
    }
}
