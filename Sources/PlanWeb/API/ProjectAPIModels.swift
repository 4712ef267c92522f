import Foundation
import PlanCore
import PlanServices
import PlanStore

extension API {
    struct ProjectItem: Encodable {
        var code, name, owner, unitCode, countyCode, cityCode, sector, stage, requestedStage, plannedStart, plannedCompletion: String
        var content, location, contact: String
        var articles: [Int]
        var targetIds: [String]
        var totalInvestment: Double
        var annualInvestment: [String: Double]
        var windowYear, version: Int
        var actualStart, actualCompletion: String?
        var rag: String?
        var ragReasons: [String]?
        var timeElapsed, investmentCompletion, scheduledProgress, progress: Double?
        var investmentThisYear: Double

        init(_ p: Project, standing: ProjectStanding?, yearDone: Double) {
            code = p.code
            name = p.name
            owner = p.owner
            unitCode = p.unitCode
            countyCode = p.countyCode
            cityCode = p.cityCode
            sector = p.sector
            stage = p.stage.rawValue
            requestedStage = p.requestedStage.rawValue
            plannedStart = p.plannedStart.description
            plannedCompletion = p.plannedCompletion.description
            content = p.content
            location = p.location
            contact = p.contact
            articles = p.articles
            targetIds = p.targetIDs
            totalInvestment = p.totalInvestment
            annualInvestment = Dictionary(uniqueKeysWithValues: p.annualInvestment.map { (String($0.key), $0.value) })
            windowYear = p.windowYear
            version = p.version
            actualStart = p.actualStart?.description
            actualCompletion = p.actualCompletion?.description
            rag = standing?.rag.rawValue
            ragReasons = standing?.reasons.map(\.en)
            timeElapsed = standing?.timeElapsed
            investmentCompletion = standing?.investmentCompletion
            scheduledProgress = standing?.scheduledProgress
            progress = standing?.progress
            investmentThisYear = yearDone
        }
    }

    struct TransitionItem: Encodable {
        var from: String?
        var to, on, by, reason, at: String

        init(_ t: ProjectTransition) {
            from = t.from?.rawValue
            to = t.to.rawValue
            on = t.on.description
            by = t.by
            reason = t.reason
            at = t.at
        }
    }

    struct VersionItem: Encodable {
        var version: Int
        var at, by, reason: String
    }

    struct AdjustmentItem: Encodable {
        var id: Int
        var code, kind, reason, status, requestedBy, requestedAt, decisionNote: String
        var decidedBy, decidedAt: String?
        var version: Int?
        var changes: [[String: String]]

        init(_ a: ProjectAdjustment) {
            id = a.id
            code = a.code
            kind = a.kind.rawValue
            reason = a.reason
            status = a.status.rawValue
            requestedBy = a.requestedBy
            requestedAt = a.requestedAt
            decisionNote = a.decisionNote
            decidedBy = a.decidedBy
            decidedAt = a.decidedAt
            version = a.version
            changes = []
        }
    }

    struct ProjectReportItem: Encodable {
        var code, month, status, submittedBy, submittedAt, reviewNote: String
        var investmentMonth, investmentToDate, investmentYear, progress: Double
        var milestones: [String]
        var reviewedBy: String?

        init(_ r: ProjectReport) {
            code = r.code
            month = r.month.description
            status = r.status.rawValue
            submittedBy = r.submittedBy
            submittedAt = r.submittedAt
            reviewNote = r.reviewNote
            investmentMonth = r.investmentMonth
            investmentToDate = r.investmentToDate
            investmentYear = r.investmentYear
            progress = r.progress
            milestones = ProjectMilestone.allCases.filter(r.milestones.contains).map(\.rawValue)
            reviewedBy = r.reviewedBy
        }
    }

    struct ProjectProblemItem: Encodable {
        var id: Int
        var code, month, text, help, ownerUnit, due, closingNote: String
        var closedOn, closedBy, orderId: String?

        init(_ p: ProjectProblem) {
            id = p.id
            code = p.code
            month = p.month.description
            text = p.text
            help = p.help
            ownerUnit = p.ownerUnit
            due = p.due.description
            closingNote = p.closingNote
            closedOn = p.closedOn?.description
            closedBy = p.closedBy
            orderId = p.orderID
        }
    }

    struct ProjectDetail: Encodable {
        var project: ProjectItem
        var transitions: [TransitionItem]
        var versions: [VersionItem]
        var adjustments: [AdjustmentItem]
        var reports: [ProjectReportItem]
        var problems: [ProjectProblemItem]
    }

    struct ProjectRollupRow: Encodable {
        var key: String
        var count, red, yellow, green: Int
        var planned, done: Double
        var completion: Double?
        var projects: [String]

        init(_ r: ProjectRollup.Row) {
            key = r.key
            count = r.count
            red = r.red
            yellow = r.yellow
            green = r.green
            planned = r.planned
            done = r.done
            completion = r.completion
            projects = r.codes
        }
    }

    struct ProjectRollupResponse: Encodable {
        var year: Int
        var by: String
        var rows: [ProjectRollupRow]
    }

    struct WindowItem: Encodable {
        var year: Int
        var opens, closes, criteria, openedBy: String
        var publishedAt: String?

        init(_ w: DeclarationWindow) {
            year = w.year
            opens = w.opens.description
            closes = w.closes.description
            criteria = w.criteria
            openedBy = w.openedBy
            publishedAt = w.publishedAt
        }
    }

    struct ArticleDeliveryItem: Encodable {
        struct Line: Encodable {
            var id, state: String
        }

        var article: Int
        var targets, tasks, policies, projects, orders: [Line]
        var workFineDataBad, dataFineWorkBad: Bool

        init(_ d: ProjectService.ArticleDelivery) {
            article = d.article
            targets = d.targets.map { Line(id: $0.target.id, state: $0.evaluation?.status.rawValue ?? "none") }
            tasks = d.tasks.map { t, r in Line(id: t.id, state: r.sorted { $0.period > $1.period }.first?.status.rawValue ?? "none") }
            policies = d.policies.map { Line(id: $0.id, state: $0.status.rawValue) }
            projects = d.projects.map { Line(id: $0.project.code, state: $0.standing.rag.rawValue) }
            orders = d.orders.map { Line(id: $0.id, state: $0.state.rawValue) }
            workFineDataBad = d.workFineDataBad
            dataFineWorkBad = d.dataFineWorkBad
        }
    }

    struct WindowRequest: Decodable {
        var year: Int
        var opens, closes, criteria: String
    }

    struct AdmitRequest: Decodable {
        var codes: [String]
        var rejectOthers: Bool?
        var reason: String?
    }

    struct ReportReviewRequest: Decodable {
        struct Key: Decodable {
            var code, month: String
        }

        var reports: [Key]
        var approve: Bool
        var note: String?
    }

    struct AdjustmentDecisionRequest: Decodable {
        var approve: Bool
        var note: String?
    }

    struct NoteRequest: Decodable {
        var note: String
    }

    struct LevelRequest: Decodable {
        var level: String?
    }

    struct ScoreRequest: Decodable {
        var score: Double
        var comment: String?
    }

    struct MoveRequest: Decodable {
        var stage, reason: String
        var day: String?
    }

    struct AdjustmentRequest: Decodable {
        var kind, reason: String
        /// Columns of the registry layout (`name`, `content`, `total`, `annual`, `start`, `completion`, …).
        var changes: [String: String]?
    }
}
