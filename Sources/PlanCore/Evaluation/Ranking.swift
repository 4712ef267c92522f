import Foundation

/// A ranking of cities on the Relative Performance Index with its Monte Carlo robustness check
/// (evaluation rules §7 and rule 17).
public struct Ranking: Sendable {
    /// One city's line.
    public struct Entry: Sendable, Hashable {
        public var city: String
        /// The deterministic index (min–max, arithmetic mean, equal weights).
        public var score: Double
        public var rank: Int
        /// Over the Monte Carlo draws: the median rank and the 5th and 95th percentile ranks.
        public var medianRank: Double
        public var rankP5: Double
        public var rankP95: Double
        /// How many indicators the city has values for.
        public var indicators: Int
    }

    public var entries: [Entry]
    public var draws: Int
    public var seed: UInt64
    public var indicatorKeys: [String]

    /// Ranks the cities of `index`: the deterministic ranking, then `draws` seeded Monte Carlo
    /// draws that perturb weights by ±25% and switch aggregation and normalisation.
    public init(index: CityIndex, draws: Int = 1000, seed: UInt64) {
        self.draws = draws
        self.seed = seed
        indicatorKeys = index.columns.map(\.indicatorKey)
        let scores = index.scores()
        let ranks = CityIndex.ranks(scores)
        var generator = SeededGenerator(seed: seed)
        let cities = index.cities
        // Normalised values as dense matrices (column × city, NaN where a city has no value).
        func matrix(_ table: [[String: Double]]) -> [[Double]] {
            table.map { column in cities.map { column[$0] ?? .nan } }
        }
        let minMax = matrix(index.normalised(.minMax))
        let zScore = matrix(index.normalised(.zScore))
        var samples = [[Double]](repeating: [], count: cities.count)
        for i in samples.indices { samples[i].reserveCapacity(draws) }
        var weights = [Double](repeating: 1, count: index.columns.count)
        var drawn = [Double](repeating: .nan, count: cities.count)
        var order = Array(cities.indices)
        for _ in 0..<draws {
            for i in weights.indices { weights[i] = generator.uniform(0.75, 1.25) }
            let geometric = generator.uniform() < 0.5
            let table = generator.uniform() < 0.5 ? zScore : minMax
            for c in cities.indices {
                var sum = 0.0
                var total = 0.0
                for (i, column) in table.enumerated() where !column[c].isNaN {
                    sum += weights[i] * (geometric ? log(max(column[c], 1e-9)) : column[c])
                    total += weights[i]
                }
                drawn[c] = total > 0 ? (geometric ? exp(sum / total) : sum / total) : .nan
            }
            // Competition ranks of this draw: sort by score, ties share the best rank.
            func key(_ c: Int) -> Double { drawn[c].isNaN ? -.infinity : drawn[c] }
            order.sort { key($0) > key($1) || (key($0) == key($1) && $0 < $1) }
            var rank = 0
            for (position, c) in order.enumerated() where !drawn[c].isNaN {
                if position == 0 || !Tolerant.equal(drawn[c], drawn[order[position - 1]]) { rank = position + 1 }
                samples[c].append(Double(rank))
            }
        }
        let position = Dictionary(uniqueKeysWithValues: cities.enumerated().map { ($1, $0) })
        entries = scores.keys.sorted { (ranks[$0]!, $0) < (ranks[$1]!, $1) }.map { city in
            let s = samples[position[city]!].sorted()
            return Entry(
                city: city, score: scores[city]!, rank: ranks[city]!, medianRank: Self.percentile(s, 0.5),
                rankP5: Self.percentile(s, 0.05), rankP95: Self.percentile(s, 0.95),
                indicators: minMax.filter { !$0[position[city]!].isNaN }.count)
        }
    }

    /// Linear-interpolation percentile of sorted values (the common "type 7" definition).
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    /// Whether two cities' ranks differ by three places or fewer ("not distinguishable").
    public static func indistinguishable(_ a: Entry, _ b: Entry) -> Bool {
        abs(a.rank - b.rank) <= 3
    }
}
