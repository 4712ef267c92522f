import Foundation

/// Observations grouped by indicator and region, for evaluating many targets without scanning
/// the whole list each time.
public struct ObservationIndex: Sendable {
    private var groups: [Key: [Observation]] = [:]
    private var regionsByIndicator: [String: [String]] = [:]
    /// The latest year with an annual or year-end value, if any.
    public private(set) var latestYear: Int? = nil

    struct Key: Hashable {
        var indicator: String
        var region: String
    }

    public init(_ observations: [Observation]) {
        // Files and tables come sorted by indicator and region: a run of one series is gathered
        // before it is stored, so the dictionary is consulted once per series, not once per value.
        var run: [Observation] = []
        var runKey: Key? = nil
        func flush() {
            guard let runKey, !run.isEmpty else { return }
            groups[runKey, default: []].append(contentsOf: run)
            run.removeAll(keepingCapacity: true)
        }
        for o in observations {
            if runKey?.indicator != o.indicatorKey || runKey?.region != o.regionCode {
                flush()
                runKey = Key(indicator: o.indicatorKey, region: o.regionCode)
            }
            run.append(o)
            note(o.period)
        }
        flush()
        var regions: [String: Set<String>] = [:]
        for key in groups.keys { regions[key.indicator, default: []].insert(key.region) }
        regionsByIndicator = regions.mapValues { $0.sorted() }
    }

    /// The observations of one indicator in one region.
    public subscript(indicator: String, region: String) -> [Observation] {
        groups[Key(indicator: indicator, region: region)] ?? []
    }

    /// The regions that have observations of `indicator`, sorted by code.
    public func regions(for indicator: String) -> [String] {
        regionsByIndicator[indicator] ?? []
    }

    /// Keeps `latestYear` up to date with a period that ends a year (a year, a fourth quarter, a
    /// December).
    private mutating func note(_ period: Period) {
        if period.endMonth == 12, period.year > latestYear ?? Int.min { latestYear = period.year }
    }

    /// Replaces every observation of `indicator` with `observations` (all of that indicator).
    public mutating func replace(indicator: String, with observations: [Observation]) {
        for region in regionsByIndicator[indicator] ?? [] { groups[Key(indicator: indicator, region: region)] = nil }
        regionsByIndicator[indicator] = nil
        var regions: Set<String> = []
        for o in observations {
            groups[Key(indicator: indicator, region: o.regionCode), default: []].append(o)
            regions.insert(o.regionCode)
            note(o.period)
        }
        if !regions.isEmpty { regionsByIndicator[indicator] = regions.sorted() }
    }

    /// This index with `extra` observations replacing any of the same indicator, region and
    /// period.
    public func overlaid(with extra: [Observation]) -> ObservationIndex {
        var copy = self
        for o in extra {
            let key = Key(indicator: o.indicatorKey, region: o.regionCode)
            var list = copy.groups[key] ?? []
            list.removeAll { $0.period == o.period }
            list.append(o)
            list.sort { $0.period < $1.period }
            if copy.groups[key] == nil, !(copy.regionsByIndicator[o.indicatorKey] ?? []).contains(o.regionCode) {
                copy.regionsByIndicator[o.indicatorKey, default: []].append(o.regionCode)
                copy.regionsByIndicator[o.indicatorKey]?.sort()
            }
            copy.groups[key] = list
            copy.note(o.period)
        }
        return copy
    }

}

/// Evaluates a list of (target, region) rows against an observation index.
public struct PlanEvaluator: Sendable {
    public var evaluator: TargetEvaluator
    /// The unit each indicator is observed in, for converting a target's written unit.
    public var indicatorUnits: [String: String]

    public init(evaluator: TargetEvaluator = TargetEvaluator(), indicatorUnits: [String: String]) {
        self.evaluator = evaluator
        self.indicatorUnits = indicatorUnits
    }

    /// One evaluation per row, in row order (large lists spread over the processor's cores).
    public func evaluate(_ rows: [(target: Target, region: String)], observations: ObservationIndex, asOf: Int) -> [TargetEvaluation] {
        var factors: [UnitKey: Double] = [:]
        for row in rows {
            let key = UnitKey(unit: row.target.unit, indicator: row.target.indicatorKey)
            if factors[key] == nil {
                factors[key] = indicatorUnits[key.indicator].flatMap { MeasurementUnit.factor(from: key.unit, to: $0) } ?? 1
            }
        }
        let evaluator = evaluator
        let factor = factors
        return rows.map { Row(target: $0.target, region: $0.region) }.parallelMap { row in
            let target = row.target
            return evaluator.evaluate(
                target, regionCode: row.region,
                unitFactor: factor[UnitKey(unit: target.unit, indicator: target.indicatorKey)] ?? 1,
                observations: observations[target.indicatorKey, row.region], asOf: asOf)
        }
    }

    private struct Row: Sendable {
        var target: Target
        var region: String
    }

    private struct UnitKey: Hashable {
        var unit: String
        var indicator: String
    }
}
