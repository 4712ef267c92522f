import Foundation
import PlanCore

/// A deterministic synthetic workload at realistic scale, for benchmarks and load tests: the
/// catalog's targets and invented observations (2018–2024) whose series run ahead of, on, behind
/// or away from their targets, some with gaps.
public enum SyntheticWorkload {
    public enum Scale: String, CaseIterable, Sendable {
        /// The catalog's targets in their own regions.
        case province
        /// Every catalog target for each of the 153 regions.
        case full
    }

    public static let years = 2018...2024

    /// The targets (one row per target and region) and observations of the workload.
    public static func generate(plan: Plan, scale: Scale, seed: UInt64) -> (targets: [Target], observations: [Observation]) {
        var rng = SeededGenerator(seed: seed)
        let units = Dictionary(plan.indicators.map { ($0.key, $0.unit) }, uniquingKeysWith: { a, _ in a })
        var targets: [Target] = []
        switch scale {
        case .province:
            targets = plan.targets
        case .full:
            targets.reserveCapacity(plan.targets.count * plan.regions.count)
            for region in plan.regions {
                for var t in plan.targets {
                    t.regionCode = region.code
                    targets.append(t)
                }
            }
        }
        // One series per indicator and region, shaped by the first target that measures the indicator.
        var shapes: [String: Target] = [:]
        for t in plan.targets where shapes[t.indicatorKey] == nil { shapes[t.indicatorKey] = t }
        var regionsByIndicator: [String: Set<String>] = [:]
        for t in targets { regionsByIndicator[t.indicatorKey, default: []].insert(t.regionCode) }
        var observations: [Observation] = []
        // Computed indicators are never reported: their values follow from their inputs' series.
        let computed = Set(plan.indicators.filter(\.isComputed).map(\.key))
        for key in shapes.keys.sorted() where !computed.contains(key) {
            let shape = shapes[key]!
            let factor = units[key].flatMap { MeasurementUnit.factor(from: shape.unit, to: $0) } ?? 1
            for region in regionsByIndicator[key, default: []].sorted() {
                for (year, value) in series(for: shape, factor: factor, rng: &rng) {
                    observations.append(Observation(indicatorKey: key, regionCode: region, period: Period(year: year), value: value))
                }
            }
        }
        return (targets, observations)
    }

    /// The observations as CSV (`indicator_key,region_code,period,value`).
    public static func observationsCSV(_ observations: [Observation]) -> String {
        var out = "indicator_key,region_code,period,value\n"
        out.reserveCapacity(observations.count * 40)
        for o in observations {
            out += "\(o.indicatorKey),\(o.regionCode),\(o.period),\(PlainNumber.format(o.value))\n"
        }
        return out
    }

    /// One invented series: a pace (ahead 1.4, on track 1.0, behind 0.6, far behind 0.3, away −0.3)
    /// toward the target from 2022, ±2% noise, and one missing year in one series of ten.
    static func series(for t: Target, factor: Double, rng: inout SeededGenerator) -> [(Int, Double)] {
        let paces = [1.4, 1.0, 0.6, 0.3, -0.3]
        let pace = paces[Int(rng.uniform() * Double(paces.count))]
        let d = t.direction == .lower ? -1.0 : 1.0
        let x = t.value * factor
        var values: [(Int, Double)] = []
        func noise() -> Double { 1 + 0.02 * (2 * rng.uniform() - 1) }
        switch t.kind {
        case .annualCount, .cumulative:
            let perYear = t.kind == .cumulative ? x / 5 : x
            for year in years { values.append((year, max(0, perYear * (pace >= 0 ? 0.5 + 0.5 * pace : 0.3) * noise()))) }
        default:
            let base: Double
            let target: Double
            switch t.kind {
            case .relativeChange:
                base = 50 + 100 * rng.uniform()
                target = base * (1 + t.value / 100)
            case .multiple:
                base = 10 + 90 * rng.uniform()
                target = base * t.value
            case .ppChange:
                base = 20 + 40 * rng.uniform()
                target = base + t.value
            case .annualGrowth:
                base = 100 + 900 * rng.uniform()
                target = base * pow(1 + t.value / 100, 3)
            default:
                target = x
                base = x == 0 ? 10 + 90 * rng.uniform() : x * (d > 0 ? 0.6 + 0.3 * rng.uniform() : 1.1 + 0.3 * rng.uniform())
            }
            let step = (target - base) / 3
            for year in years {
                let v = (base + pace * step * Double(year - 2022)) * noise()
                values.append((year, t.form == .multiplicative || t.kind == .annualGrowth ? max(v, 1e-3) : v))
            }
        }
        if rng.uniform() < 0.1 {
            values.remove(at: 1 + Int(rng.uniform() * Double(values.count - 1)))
        }
        return values
    }
}
