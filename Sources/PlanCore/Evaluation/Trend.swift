import Foundation

/// A trend fitted to (year, value) points and projected to a deadline (evaluation rules §6,
/// rule 12): OLS for the central value, lines through the centroid with the smallest and largest
/// pairwise slope for the band, and Theil–Sen as a robustness check. Multiplicative trends are
/// fitted on logarithms (constant growth).
public struct Trend: Sendable, Hashable {
    /// The OLS slope per year (in log space when multiplicative).
    public var slope: Double
    /// The Theil–Sen (median pairwise) slope.
    public var theilSenSlope: Double
    /// Central projection at the deadline (OLS), in the indicator's unit.
    public var projection: Double
    /// Theil–Sen projection at the deadline.
    public var theilSenProjection: Double
    /// The lower and upper ends of the band at the deadline.
    public var low: Double
    public var high: Double
    /// How many points the fit used.
    public var points: Int
    /// Whether the fit was on logarithms.
    public var multiplicative: Bool

    /// Fits `points` and projects to `year`; `nil` with fewer than two distinct years, or when a
    /// multiplicative fit meets a value ≤ 0 (the caller falls back to additive).
    public static func fit(_ points: [(year: Double, value: Double)], to year: Double, multiplicative: Bool) -> Trend? {
        guard points.count >= 2 else { return nil }
        if multiplicative, points.contains(where: { $0.value <= 0 }) { return nil }
        let n = Double(points.count)
        var tMean = 0.0
        var zMean = 0.0
        for p in points {
            tMean += p.year
            zMean += multiplicative ? log(p.value) : p.value
        }
        tMean /= n
        zMean /= n
        func z(_ i: Int) -> Double { multiplicative ? log(points[i].value) : points[i].value }
        var sxx = 0.0
        var sxy = 0.0
        var level = 0.0
        for i in points.indices {
            let dt = points[i].year - tMean
            sxx += dt * dt
            sxy += dt * (z(i) - zMean)
            level = max(level, abs(z(i)))
        }
        guard sxx > 0 else { return nil }
        var first = Double.infinity
        var last = -Double.infinity
        for p in points {
            first = min(first, p.year)
            last = max(last, p.year)
        }
        let span = last - first
        /// Rule 18: a slope whose change over the window is below 1e-9 of the level is 0.
        func flat(_ m: Double) -> Double { abs(m * span) < Tolerant.relative * level ? 0 : m }

        var slopes: [Double] = []
        slopes.reserveCapacity(points.count * (points.count - 1) / 2)
        for i in points.indices {
            for j in points.indices where j > i && points[j].year != points[i].year {
                slopes.append(flat((z(j) - z(i)) / (points[j].year - points[i].year)))
            }
        }
        slopes.sort()
        let ols = flat(sxy / sxx)
        let median = Self.median(sorted: slopes)
        var residuals = points.indices.map { z($0) - median * points[$0].year }
        residuals.sort()
        let intercept = Self.median(sorted: residuals)
        func value(_ zz: Double) -> Double { multiplicative ? exp(zz) : zz }
        let a = value(zMean + (slopes.first ?? ols) * (year - tMean))
        let b = value(zMean + (slopes.last ?? ols) * (year - tMean))
        return Trend(
            slope: ols, theilSenSlope: median, projection: value(zMean + ols * (year - tMean)),
            theilSenProjection: value(intercept + median * year), low: min(a, b), high: max(a, b),
            points: points.count, multiplicative: multiplicative)
    }

    static func median(sorted s: [Double]) -> Double {
        guard !s.isEmpty else { return 0 }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// The confidence a trend of this many points deserves: 2 very low, 3–4 low, 5+ moderate.
    public var confidence: TrendConfidence {
        switch points {
        case ..<3: .veryLow
        case 3...4: .low
        default: .moderate
        }
    }
}

/// How much a projection can be trusted, by the number of points behind it.
public enum TrendConfidence: String, Sendable, Hashable, Codable {
    case veryLow = "very_low"
    case low
    case moderate
}
