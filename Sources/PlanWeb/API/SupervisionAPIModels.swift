import Foundation
import PlanCore
import PlanServices
import PlanStore

/// JSON shapes of the supervision API (snake_case on the wire).
extension API {
    struct TaskItem: Encodable {
        var id, number, title, dueText, deliverable: String
        var year, position: Int
        var article: Int?
        var due: String?
        var leadUnits, supportUnits, targetIds: [String]
        var milestones: [MilestoneItem]

        init(_ t: WorkTask) {
            id = t.id
            number = t.number
            title = t.title
            dueText = t.dueText
            deliverable = t.deliverable
            year = t.year
            position = t.position
            article = t.article
            due = t.due?.description
            leadUnits = t.leadUnits
            supportUnits = t.supportUnits
            targetIds = t.targetIDs
            milestones = t.milestones.map(MilestoneItem.init)
        }
    }

    struct MilestoneItem: Encodable {
        var due, deliverable: String
        var doneOn: String?

        init(_ m: Milestone) {
            due = m.due.description
            deliverable = m.deliverable
            doneOn = m.doneOn?.description
        }
    }

    struct TaskDetail: Encodable {
        var task: TaskItem
        var reports: [ProgressItem]
        var divergent: [String]
        var targetStatuses: [String: String]
    }

    struct ProgressItem: Encodable {
        var taskId, unit, period, status, confidence, narrative, state, updatedBy, updatedAt: String
        var reason, submittedBy, reviewedBy: String?
        var evidence: [EvidenceItem]

        init(_ r: ProgressReport) {
            taskId = r.taskID
            unit = r.unitCode
            period = r.period.description
            status = r.status.rawValue
            confidence = r.confidence.rawValue
            narrative = r.narrative
            state = r.state.rawValue
            updatedBy = r.updatedBy
            updatedAt = r.updatedAt
            reason = r.reason
            submittedBy = r.submittedBy
            reviewedBy = r.reviewedBy
            evidence = r.evidence.map(EvidenceItem.init)
        }
    }

    struct EvidenceItem: Encodable {
        var id, fileName, contentType, sha256, uploadedBy, uploadedAt, href: String
        var size: Int

        init(_ e: EvidenceInfo) {
            id = e.id
            fileName = e.fileName
            contentType = e.contentType
            sha256 = e.sha256
            uploadedBy = e.uploadedBy
            uploadedAt = e.uploadedAt
            href = "/api/v1/evidence/\(e.id)"
            size = e.size
        }
    }

    struct ProgressRequest: Decodable {
        var unit: String
        var period: String?
        var status: String
        var confidence: String
        var narrative: String?
        var milestonesDone: [Int]?
        var submit: Bool?
    }

    /// What an import of a responsibility list (`tasks`) or a policy list (`policies`) did.
    struct ListImportResponse: Encodable {
        var format: String
        var dryRun: Bool
        var new, changed, unchanged: Int
        var problems: [RowProblem]
        var tasks: [String]?
        var policies: [String]?
        var projects: [String]? = nil
    }

    struct AlertItem: Encodable {
        var key, kind, severity, unit, subject, since, text, textZh, link, escalation: String
        var acknowledged, muted: Bool

        init(_ item: SupervisionService.InboxItem) {
            key = item.alert.id
            kind = item.alert.kind.rawValue
            severity = item.alert.severity.rawValue
            unit = item.alert.unitCode
            subject = item.alert.subject
            since = item.alert.since.description
            text = item.alert.textEn
            textZh = item.alert.textZh
            link = item.alert.link
            escalation = ["unit", "reviewer", "office"][item.escalation.rawValue]
            acknowledged = item.acknowledged
            muted = item.muted
        }
    }

    struct DigestItem: Encodable {
        var unit, period: String
        var red, yellow: Int
        var alerts: [AlertItem]

        init(_ d: SupervisionService.Digest) {
            unit = d.unit.code
            period = d.period.description
            red = d.red
            yellow = d.yellow
            alerts = d.items.map(AlertItem.init)
        }
    }

    struct MarkRequest: Decodable {
        var key: String
        /// `acknowledged`, `muted` or `clear`.
        var mark: String
    }
}
