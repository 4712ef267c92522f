import Foundation
import PlanCore
import PlanStore

/// What a reader asks of the audit log, as typed on a page, sent to the API or given on the
/// command line; ``query()`` is the one place that turns it into a store query.
///
/// Times are a calendar day (`2026-03-01`) or an ISO 8601 instant (`2026-03-01T08:00:00+08:00`).
/// `since` includes its whole day from midnight UTC, `until` includes its whole day up to the last
/// millisecond; instants are compared in UTC.
public struct AuditFilter: Sendable, Hashable {
    public var actor: String?
    public var action: String?
    public var unit: String?
    public var since: String?
    public var until: String?
    public var limit: Int
    public var offset: Int

    /// The most entries one read returns (the API and the page ask for at most 1,000; the command
    /// line, which exports, for more).
    public static let maxLimit = 100_000

    public init(
        actor: String? = nil, action: String? = nil, unit: String? = nil, since: String? = nil, until: String? = nil, limit: Int = 100,
        offset: Int = 0
    ) {
        func clean(_ s: String?) -> String? {
            guard let t = s?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
            return t
        }
        self.actor = clean(actor)
        self.action = clean(action)
        self.unit = clean(unit)
        self.since = clean(since)
        self.until = clean(until)
        self.limit = limit
        self.offset = offset
    }

    /// The store query; a malformed time or an out-of-range limit or offset is refused.
    public func query() throws -> AuditQuery {
        guard (1...Self.maxLimit).contains(limit) else { throw ServiceError.badParameter(name: "limit", message: "expected 1–\(Self.maxLimit)") }
        guard offset >= 0 else { throw ServiceError.badParameter(name: "offset", message: "expected 0 or more") }
        return AuditQuery(
            actor: actor, action: action, units: unit.map { [$0] }, since: try since.map { try Self.bound($0, name: "since", endOfDay: false) },
            until: try until.map { try Self.bound($0, name: "until", endOfDay: true) }, limit: limit, offset: offset)
    }

    /// A day or an instant as a stored timestamp: a day's first or last millisecond.
    static func bound(_ text: String, name: String, endOfDay: Bool) throws -> String {
        if Timestamp.isDay(text) {
            guard Day(text) != nil else { throw ServiceError.badParameter(name: name, message: "no such day \(text)") }
            return endOfDay ? Timestamp.endOfDay(text) : text + "T00:00:00.000Z"
        }
        guard let date = Timestamp.date(text) else {
            throw ServiceError.badParameter(name: name, message: "expected a day (2026-03-01) or an ISO 8601 time (2026-03-01T08:00:00Z)")
        }
        return Timestamp.string(date)
    }
}
