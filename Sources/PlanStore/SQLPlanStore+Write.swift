import Foundation
import PlanCore
import SQLKit

extension SQLPlanStore {
    /// Inserts new observations and updates changed ones (incrementing their revision), all or
    /// nothing; the data version moves on only when something changed.
    public func upsert(_ observations: [Observation]) async throws -> Int {
        let now = ISO8601DateFormatter().string(from: Date())
        return try await provider.transaction { db in
            var changed = 0
            for o in observations {
                let existing = try await db.raw(
                    """
                    SELECT value, source, link, quote, qualifier, revision FROM observations
                    WHERE indicator_key = \(bind: o.indicatorKey) AND region_code = \(bind: o.regionCode) AND period = \(bind: o.period.description)
                    """
                ).first()
                let p = o.provenance
                if let row = existing {
                    let same =
                        try row.decode(column: "value", as: Double.self) == o.value
                        && (try row.decode(column: "source", as: String.self)) == p.source
                        && (try row.decode(column: "link", as: String.self)) == p.link
                        && (try row.decode(column: "quote", as: String.self)) == p.quote
                        && (try row.decode(column: "qualifier", as: String.self)) == p.qualifier
                    if same { continue }
                    let revision = try row.decode(column: "revision", as: Int.self) + 1
                    try await db.raw(
                        """
                        UPDATE observations SET value = \(bind: o.value), source = \(bind: p.source), link = \(bind: p.link),
                          quote = \(bind: p.quote), qualifier = \(bind: p.qualifier), revision = \(bind: revision), updated_at = \(bind: now)
                        WHERE indicator_key = \(bind: o.indicatorKey) AND region_code = \(bind: o.regionCode) AND period = \(bind: o.period.description)
                        """
                    ).run()
                } else {
                    try await db.raw(
                        """
                        INSERT INTO observations (indicator_key, region_code, period, value, source, link, quote, qualifier, revision, updated_at)
                        VALUES (\(bind: o.indicatorKey), \(bind: o.regionCode), \(bind: o.period.description), \(bind: o.value),
                          \(bind: p.source), \(bind: p.link), \(bind: p.quote), \(bind: p.qualifier), 1, \(bind: now))
                        """
                    ).run()
                }
                changed += 1
            }
            let version = try await Self.dataVersion(db)
            guard changed > 0 else { return version }
            try await db.raw("UPDATE plan_meta SET value = \(bind: String(version + 1)) WHERE name = 'data_version'").run()
            return version + 1
        }
    }
}
