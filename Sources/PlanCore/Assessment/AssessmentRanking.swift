import Foundation

/// The ranking of an assessment's units with how much it depends on the weights: competition
/// ranks by total, and the 5th–95th percentile of each unit's rank over seeded draws that move
/// every target's points by up to ±25% (the quantitative part scaled back to its total).
public enum AssessmentRanking {
    public struct Entry: Sendable, Hashable {
        public var unit: String
        public var total: Double
        public var rank: Int
        public var rankP5: Double
        public var rankP95: Double
    }

    public static func rank(_ results: [AssessmentResult], draws: Int = 1000, seed: UInt64 = 2024) -> [Entry] {
        let totals = results.map(\.total)
        let ranks = competitionRanks(totals)
        var generator = SeededGenerator(seed: seed)
        var samples = [[Double]](repeating: [], count: results.count)
        let lineCount = results.first?.lines.count ?? 0
        let fullPoints = results.first?.lines.reduce(0) { $0 + $1.points } ?? 0
        var weights = [Double](repeating: 1, count: lineCount)
        for _ in 0..<max(0, draws) {
            for i in weights.indices { weights[i] = generator.uniform(0.75, 1.25) }
            let scale = fullPoints > 0 ? fullPoints / zip(weights, results[0].lines).reduce(0) { $0 + $1.0 * $1.1.points } : 0
            let drawn = results.map { r in
                r.qualitative + scale * zip(weights, r.lines).reduce(0) { $0 + $1.0 * $1.1.points * $1.1.factor }
            }
            for (i, rank) in competitionRanks(drawn).enumerated() { samples[i].append(Double(rank)) }
        }
        return results.indices.map { i in
            let s = samples[i].sorted()
            return Entry(
                unit: results[i].unit, total: totals[i], rank: ranks[i], rankP5: s.isEmpty ? Double(ranks[i]) : Ranking.percentile(s, 0.05),
                rankP95: s.isEmpty ? Double(ranks[i]) : Ranking.percentile(s, 0.95))
        }.sorted { ($0.rank, $0.unit) < ($1.rank, $1.unit) }
    }

    /// Competition ranks (1, 2, 2, 4): equal totals (within rounding) share the better rank.
    public static func competitionRanks(_ totals: [Double]) -> [Int] {
        totals.map { t in 1 + totals.filter { $0 > t && !Tolerant.equal($0, t) }.count }
    }

    /// Whether the ranks of two units say nothing about which did better: they are one or two
    /// places apart, or their 90% bands overlap.
    public static func notMeaningful(_ a: Entry, _ b: Entry) -> Bool {
        abs(a.rank - b.rank) <= 2 || (a.rankP5 <= b.rankP95 && b.rankP5 <= a.rankP95)
    }
}
