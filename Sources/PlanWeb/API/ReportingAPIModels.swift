import Foundation
import PlanCore
import PlanStore

/// JSON shapes of the data-collection API (snake_case on the wire).
extension API {
    static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        return d
    }()

    struct SessionRequest: Decodable {
        var username: String
        var password: String
    }

    struct SessionResponse: Encodable {
        var token: String
        var expiresAt: String
        var user: UserItem
    }

    struct UserItem: Encodable {
        var username, displayName, unitCode, role: String
        var disabled: Bool

        init(_ a: UserAccount) {
            username = a.username
            displayName = a.displayName
            unitCode = a.unitCode
            role = a.role.rawValue
            disabled = a.disabled
        }
    }

    struct TokenRequest: Decodable {
        var label: String?
    }

    struct TokenResponse: Encodable {
        var token: String
        var label: String
    }

    struct TokenItem: Encodable {
        var id, label, createdAt: String
        var revoked: Bool

        init(_ t: APIToken) {
            id = t.id
            label = t.label
            createdAt = t.createdAt
            revoked = t.revoked
        }
    }

    struct UserCreate: Decodable {
        var username: String
        var displayName: String?
        var unitCode: String
        var role: String
        var password: String
    }

    struct UserPatch: Decodable {
        var role: String?
        var unitCode: String?
        var disabled: Bool?
        var password: String?
    }

    struct UnitItem: Encodable {
        var code, nameZh, nameEn, kind, regionCode: String
        var parentCode: String?

        init(_ u: ReportingUnit) {
            code = u.code
            nameZh = u.nameZh
            nameEn = u.nameEn
            kind = u.kind.rawValue
            regionCode = u.regionCode
            parentCode = u.parentCode
        }
    }

    struct CalendarItem: Encodable {
        var period, frequency, dueDay, lockDay, status, state: String
        var indicators: [String]
        var entered: Int
        var locked: Bool

        init(_ p: CalendarPeriod) {
            period = p.period.description
            frequency = p.frequency.rawValue
            dueDay = p.dueDay.description
            lockDay = p.lockDay.description
            status = p.status.rawValue
            state = p.state.rawValue
            indicators = p.indicatorKeys
            entered = p.entered
            locked = p.locked
        }
    }

    struct ScheduleItem: Codable {
        var indicatorKey: String
        var frequency: String
        var firstYear: Int
        var dueDays: Int
        var lockDays: Int
    }

    struct ScheduleRequest: Decodable {
        var entries: [ScheduleItem]
    }

    /// A value as a JSON number or a string (`"1,234.5"`).
    struct FlexibleValue: Decodable {
        var text: String

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let d = try? c.decode(Double.self) {
                text = PlainNumber.exact(d)
            } else {
                text = try c.decode(String.self)
            }
        }
    }

    struct ValueItem: Decodable {
        var indicatorKey: String
        var value: FlexibleValue
        var unit: String?
        var comment: String?
        var explanation: String?
    }

    struct ObservationBatch: Decodable {
        var values: [ValueItem]
        var reason: String?
        var dryRun: Bool?
    }

    struct RowResult: Encodable {
        var line: Int
        var indicatorKey, period: String
        var outcome: String
        var flags: [String]
    }

    struct BatchResult: Encodable {
        var unit: String
        var dryRun: Bool
        var format: String?
        var new, changed, unchanged: Int
        var rows: [RowResult]
        var status: String?
    }

    struct StepRequest: Decodable {
        var reason: String?
    }

    struct SubmissionItem: Encodable {
        var unit, period, status: String
        var reopened: Bool
        var submittedBy, reviewedBy, reason: String?
        var updatedAt: String

        init(_ s: Submission) {
            unit = s.unitCode
            period = s.period.description
            status = s.status.rawValue
            reopened = s.reopened
            submittedBy = s.submittedBy
            reviewedBy = s.reviewedBy
            reason = s.reason
            updatedAt = s.updatedAt
        }
    }

    struct PeriodValueItem: Encodable {
        var indicatorKey: String
        var value: Double?
        var approvedValue: Double?
        var comment, explanation: String
        var flags: [String]
        var revision: Int
        var updatedBy, updatedAt: String
    }

    struct PeriodValues: Encodable {
        var unit, period, status, dueDay, lockDay: String
        var locked, inCalendar: Bool
        var indicators: [String]
        var values: [PeriodValueItem]
    }

    struct AuditItem: Encodable {
        var id: Int
        var at, actor, actorUnit, ip, action, unitCode, subject, before, after, detail: String

        init(_ e: AuditEntry) {
            id = e.id
            at = e.at
            actor = e.actor
            actorUnit = e.actorUnit
            ip = e.ip
            action = e.action
            unitCode = e.unitCode
            subject = e.subject
            before = e.before
            after = e.after
            detail = e.detail
        }
    }

    struct AuditList: Encodable {
        var items: [AuditItem]
        var total, offset, limit: Int
    }

    struct ReconciliationItem: Encodable {
        var indicatorKey, parentCode, status: String
        var parentValue, childrenSum, difference, tolerance: Double
        var childrenReported, childrenMissing: [String]

        init(_ r: ReconciliationRow) {
            indicatorKey = r.indicatorKey
            parentCode = r.parentCode
            status = r.status.rawValue
            parentValue = r.parentValue
            childrenSum = r.childrenSum
            difference = r.difference
            tolerance = r.tolerance
            childrenReported = r.childrenReported
            childrenMissing = r.childrenMissing
        }
    }
}
