import Foundation

/// Observations grouped by indicator and region, for evaluating many targets without scanning
/// the whole list each time.
public struct ObservationIndex: Sendable {
    private var groups: [Key: [Observation]] = [:]
    private var regionsByIndicator: [String: [String]] = [:]

    struct Key: Hashable {
        var indicator: String
        var region: String
    }

    public init(_ observations: [Observation]) {
        for o in observations {
            groups[Key(indicator: o.indicatorKey, region: o.regionCode), default: []].append(o)
        }
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
        }
        return copy
    }

    /// The latest year with an annual or year-end value, if any.
    public var latestYear: Int? {
        groups.values.lazy.flatMap { $0 }.filter { $0.period.isAnnual || $0.period.endMonth == 12 }.map(\.period.year).max()
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

    /// One evaluation per row, in row order.
    public func evaluate(_ rows: [(target: Target, region: String)], observations: ObservationIndex, asOf: Int) -> [TargetEvaluation] {
        var factors: [UnitKey: Double] = [:]
        return rows.map { row in
            let target = row.target
            let key = UnitKey(unit: target.unit, indicator: target.indicatorKey)
            let factor: Double
            if let cached = factors[key] {
                factor = cached
            } else {
                factor = indicatorUnits[key.indicator].flatMap { MeasurementUnit.factor(from: key.unit, to: $0) } ?? 1
                factors[key] = factor
            }
            return evaluator.evaluate(
                target, regionCode: row.region, unitFactor: factor,
                observations: observations[target.indicatorKey, row.region], asOf: asOf)
        }
    }

    private struct UnitKey: Hashable {
        var unit: String
        var indicator: String
    }
}
