import Foundation

/// A target turned into a level `T` with a desired direction `d` (evaluation rules §2, §5 and
/// rules 5–7 of §10).
struct Goal {
    /// The level the target is judged against (the less demanding end of a range).
    var level: Double
    /// The more demanding end of a stated range.
    var stretch: Double?
    /// +1 higher is better, −1 lower is better (for a band outside: pointing into the band).
    var d: Double
    /// The band of an "about" target with no good direction.
    var band: ClosedRange<Double>?
    /// A true ceiling: attainment also needs the projection within the cap.
    var projectionCheck = false
    /// The target growth rate of an annual-growth target.
    var growth: Double?

    /// The level of `target` given the base `B` and latest value `y`; `nil` when the direction
    /// cannot be determined.
    static func resolve(_ target: Target, base b: Double, latest y: Double, years: Double, factor: Double) -> Goal? {
        let dir = target.direction.sign
        /// The less demanding and the more demanding of the stated values (times `scale`) for direction `d`.
        func ends(_ d: Double, scale: Double = 1) -> (Double, Double?) {
            let v = target.value * scale
            guard let high = target.valueHigh.map({ $0 * scale }) else { return (v, nil) }
            return d > 0 ? (min(v, high), max(v, high)) : (max(v, high), min(v, high))
        }
        func sign(_ x: Double) -> Double { x > 0 ? 1 : (x < 0 ? -1 : 0) }

        switch target.kind {
        case .floor, .ceiling, .reach, .coverage, .annualCount, .cumulative:
            var d: Double
            switch target.kind {
            case .floor: d = 1
            case .ceiling: d = -1
            case .coverage: d = dir != 0 ? dir : (target.value > 0 ? 1 : -1)
            case .annualCount, .cumulative: d = dir != 0 ? dir : 1
            default: d = dir != 0 ? dir : sign(target.value * factor - b)
            }
            guard d != 0 else { return nil }
            let (level, stretch) = ends(d, scale: factor)
            return Goal(level: level, stretch: stretch, d: d, projectionCheck: target.kind == .ceiling)
        case .relativeChange, .ppChange, .annualGrowth:
            let d = dir != 0 ? dir : sign(target.value)
            guard d != 0 else { return nil }
            let (r, other) = ends(d)
            func level(_ r: Double) -> Double {
                switch target.kind {
                case .relativeChange: b * (1 + r / 100)
                case .ppChange: b + r
                default: b * pow(1 + r / 100, years)
                }
            }
            return Goal(
                level: level(r), stretch: other.map(level), d: d,
                growth: target.kind == .annualGrowth ? r / 100 : nil)
        case .multiple:
            let d = dir != 0 ? dir : sign(target.value - 1)
            guard d != 0 else { return nil }
            let (m, other) = ends(d)
            return Goal(level: b * m, stretch: other.map { b * $0 }, d: d)
        case .about:
            let x = target.value * factor
            let tol = (target.tolerance ?? AboutTolerance.standard(for: target.value)) * factor
            let (lo, hi) =
                target.valueHigh.map { (min(x, $0 * factor), max(x, $0 * factor)) } ?? (x - tol, x + tol)
            switch target.direction {
            case .higher: return Goal(level: lo, d: 1)
            case .lower: return Goal(level: hi, d: -1)
            case .band:
                let band = lo...hi
                if Tolerant.greaterOrEqual(y, lo), Tolerant.lessOrEqual(y, hi) {
                    return Goal(level: (lo + hi) / 2, d: 0, band: band)
                }
                return y > hi ? Goal(level: hi, d: -1, band: band) : Goal(level: lo, d: 1, band: band)
            }
        }
    }

    /// Whether `y` sits inside the band (for band targets).
    func inBand(_ y: Double) -> Bool {
        guard let band else { return false }
        return Tolerant.greaterOrEqual(y, band.lowerBound) && Tolerant.lessOrEqual(y, band.upperBound)
    }
}
