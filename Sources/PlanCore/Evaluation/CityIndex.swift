import Foundation

/// The Relative Performance Index for comparing cities (evaluation rules §7 and rule 17): per
/// indicator, outliers treated, then min–max normalised onto 60–100 (lower-better reversed), and
/// the city's index the arithmetic mean of its normalised values.
public struct CityIndex: Sendable {
    /// One indicator's treated values across the cities.
    public struct Column: Sendable, Hashable {
        public var indicatorKey: String
        public var direction: Direction
        /// Treated values by city code (only cities with a value).
        public var values: [String: Double]
        /// How outliers were treated: winsorised values, or a log transform.
        public var winsorised: Int
        public var logTransformed: Bool
    }

    public var cities: [String]
    public var columns: [Column]

    /// Builds the index inputs from observations: a city's value is its latest annual or year-end
    /// observation in `[asOf − 1, asOf]`; indicators with fewer than two cities, constant values or
    /// no good direction are dropped.
    ///
    /// `comparable` compares like with like: only the year `asOf` itself, only intensive indicators
    /// (a sum such as GDP or population ranks cities by size, not by performance), and only
    /// indicators that `minimumCities` cities report.
    public init(
        indicators: [Indicator], cities: [String], observations: ObservationIndex, asOf: Int, comparable: Bool = false,
        minimumCities: Int = 2
    ) {
        self.cities = cities
        var columns: [Column] = []
        for indicator in indicators where indicator.polarity != .band && !(comparable && indicator.aggregation == .sum) {
            var values: [String: Double] = [:]
            for city in cities {
                let series = AnnualSeries(observations[indicator.key, city])
                if comparable {
                    if let v = series[asOf] { values[city] = v }
                } else if let year = series.years(in: (asOf - 1)...asOf).last {
                    values[city] = series[year]
                }
            }
            guard values.count >= max(2, minimumCities), Set(values.values).count > 1 else { continue }
            let treated = Self.treat(
                Column(indicatorKey: indicator.key, direction: indicator.polarity, values: values, winsorised: 0, logTransformed: false))
            // Winsorising can leave every city equal: such an indicator no longer separates cities.
            guard Set(treated.values.values).count > 1 else { continue }
            columns.append(treated)
        }
        self.columns = columns
    }

    /// Outlier treatment: while |skewness| ≥ 2 and excess kurtosis ≥ 3.5, winsorise the most extreme
    /// value (at most five times); if the distribution is still that skewed, log-transform instead.
    static func treat(_ column: Column) -> Column {
        var c = column
        let original = c.values
        func skewed(_ v: [Double]) -> Bool {
            let (s, k) = shape(v)
            return abs(s) >= 2 && k >= 3.5
        }
        while c.winsorised < 5, skewed(Array(c.values.values)) {
            let (s, _) = shape(Array(c.values.values))
            // The most extreme value on the skewed side (every city holding it) takes the next value in.
            let distinct = Set(c.values.values).sorted()
            guard distinct.count >= 2 else { break }
            let (extreme, next) = s > 0 ? (distinct[distinct.count - 1], distinct[distinct.count - 2]) : (distinct[0], distinct[1])
            for (city, value) in c.values where value == extreme { c.values[city] = next }
            c.winsorised += 1
        }
        if skewed(Array(c.values.values)) {
            let shift = (original.values.min() ?? 0) <= 0 ? 1 - (original.values.min() ?? 0) : 0
            c.values = original.mapValues { log($0 + shift) }
            c.winsorised = 0
            c.logTransformed = true
        }
        return c
    }

    /// Sample skewness and excess kurtosis with the usual bias corrections (G1 and G2, "type 2" in
    /// R's e1071, as COINr uses).
    static func shape(_ v: [Double]) -> (skewness: Double, kurtosis: Double) {
        let n = Double(v.count)
        guard n >= 4 else { return (0, 0) }
        let mean = v.reduce(0, +) / n
        var m2 = 0.0
        var m3 = 0.0
        var m4 = 0.0
        for x in v {
            let d = x - mean
            m2 += d * d
            m3 += d * d * d
            m4 += d * d * d * d
        }
        m2 /= n
        m3 /= n
        m4 /= n
        guard m2 > 0 else { return (0, 0) }
        let g1 = m3 / pow(m2, 1.5)
        let g2 = m4 / (m2 * m2) - 3
        let skewness = g1 * (n * (n - 1)).squareRoot() / (n - 2)
        let kurtosis = ((n + 1) * g2 + 6) * (n - 1) / ((n - 2) * (n - 3))
        return (skewness, kurtosis)
    }

    /// How values are normalised.
    public enum Normalisation: Sendable { case minMax, zScore }
    /// How normalised values are aggregated.
    public enum Aggregation: Sendable { case arithmetic, geometric }

    /// Normalised values (60–100 min–max, or 80 + 10·z) by column, then by city.
    func normalised(_ method: Normalisation) -> [[String: Double]] {
        columns.map { c in
            let xs = Array(c.values.values)
            let d = c.direction == .lower ? -1.0 : 1.0
            switch method {
            case .minMax:
                let lo = xs.min()!
                let hi = xs.max()!
                return c.values.mapValues { d > 0 ? 60 + 40 * ($0 - lo) / (hi - lo) : 60 + 40 * (hi - $0) / (hi - lo) }
            case .zScore:
                let n = Double(xs.count)
                let mean = xs.reduce(0, +) / n
                let sd = (xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1)).squareRoot()
                return c.values.mapValues { 80 + 10 * d * ($0 - mean) / sd }
            }
        }
    }

    /// Each city's index, for given weights per column; `nil` for a city with no values.
    public func scores(
        normalisation: Normalisation = .minMax, aggregation: Aggregation = .arithmetic, weights: [Double]? = nil
    ) -> [String: Double] {
        Self.aggregate(
            normalised(normalisation), cities: cities, weights: weights ?? columns.map { _ in 1 },
            geometric: aggregation == .geometric)
    }

    /// Weighted arithmetic or geometric mean of each city's available normalised values.
    static func aggregate(_ table: [[String: Double]], cities: [String], weights: [Double], geometric: Bool) -> [String: Double] {
        var out: [String: Double] = [:]
        for city in cities {
            var sum = 0.0
            var total = 0.0
            for (i, column) in table.enumerated() {
                guard let x = column[city] else { continue }
                sum += weights[i] * (geometric ? log(max(x, 1e-9)) : x)
                total += weights[i]
            }
            if total > 0 { out[city] = geometric ? exp(sum / total) : sum / total }
        }
        return out
    }

    /// Competition ranks (1 = best; ties share the best rank of their group).
    public static func ranks(_ scores: [String: Double]) -> [String: Int] {
        var out: [String: Int] = [:]
        for (city, score) in scores {
            out[city] = 1 + scores.values.filter { $0 > score && !Tolerant.equal($0, score) }.count
        }
        return out
    }
}
