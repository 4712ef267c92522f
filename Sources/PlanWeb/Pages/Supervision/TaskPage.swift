import Foundation
import PlanCore
import PlanServices

/// One task: what it is, its milestones, where each lead unit says it stands beside the status
/// of the targets it serves, the progress form for the lead unit, and the reports with their
/// evidence and review.
struct TaskPage {
    struct Model {
        var heading, title, csrf: String
        var facts: [Fact]
        var milestonesHeading: String
        var milestones: [MilestoneRow]
        var hasMilestones: Bool
        var standingHeading: String
        var standing: [Standing]
        var targetsHeading: String
        var targets: [TargetChip]
        var hasTargets: Bool
        var form: Form?
        /// Why there is no form for a lead unit's reporter this month (its report is in).
        var reportedNote: String?
        var reportsHeading: String
        var reports: [ReportRow]
        var hasReports: Bool
        var noReports: String
        var canManage: Bool
        var editLabel, orderLabel, deleteLabel, deleteConfirm: String
        var message, error: String?
        var id: String
        var col: [String: String]
        var listHref: String
        var listLabel: String
    }

    struct Fact {
        var label, value: String
        var href: String?
        var userText: Bool
    }

    struct MilestoneRow {
        var number: Int
        var due, deliverable, state, stateCode: String
    }

    struct Standing {
        var unit, period, status, statusCode, confidence, confidenceCode: String
        var divergence: String?
    }

    struct TargetChip {
        var id, status, code: String
    }

    struct Form {
        var heading, periodText, unitLabel: String
        var units: [Option]
        var singleUnit: String?
        var statusLabel: String
        var statuses: [Option]
        var confidenceLabel: String
        var confidences: [Option]
        var narrativeLabel, narrativeHint, narrative: String
        var milestoneLabel: String
        var openMilestones: [MilestoneOption]
        var hasOpenMilestones: Bool
        var evidenceLabel, evidenceHint, accept: String
        var saveLabel, submitLabel: String
    }

    struct Option {
        var value, label: String
        var selected: Bool
    }

    struct MilestoneOption {
        var number: Int
        var label: String
    }

    struct ReportRow {
        var unit, unitCode, period, status, statusCode, confidence, state, stateCode, narrative, updated: String
        var reason: String?
        var evidence: [EvidenceLink]
        var canSubmit, canReview: Bool
        var submitLabel, approveLabel, returnLabel, reasonLabel: String
    }

    struct EvidenceLink {
        var href, name, size: String
    }

    static func model(
        view: SupervisionService.TaskView, tree: UnitTree, csrf: String, canManage: Bool, today: Day, message: String?, error: String?,
        language: Language
    ) -> Model {
        let t = language.t
        let task = view.task
        var facts = [
            Fact(label: t("年度", "Year"), value: String(task.year), href: "/tasks?year=\(task.year)", userText: false),
            Fact(label: t("牵头单位", "Lead units"), value: TaskNames.units(task.leadUnits, tree: tree, language: language), href: nil, userText: false),
        ]
        if !task.supportUnits.isEmpty {
            facts.append(
                Fact(
                    label: t("配合单位", "Cooperating units"), value: TaskNames.units(task.supportUnits, tree: tree, language: language), href: nil,
                    userText: false))
        }
        facts.append(Fact(label: t("完成时限", "Due"), value: TaskNames.due(task, language), href: nil, userText: false))
        if let article = task.article {
            facts.append(
                Fact(label: t("对应条款", "Article"), value: t("第\(article)条", "Article \(article)"), href: "/articles/\(article)", userText: false))
        }
        if !task.deliverable.isEmpty { facts.append(Fact(label: t("交付成果", "Deliverable"), value: task.deliverable, href: nil, userText: true)) }
        let open = task.milestones.enumerated().filter { $0.element.doneOn == nil }
        // A unit whose report for this month is submitted or approved has nothing to fill in; a
        // draft or returned one is taken up where it was left.
        let thisMonth = Dictionary(
            view.reports.filter { $0.period == view.currentPeriod }.map { ($0.unitCode, $0) }, uniquingKeysWith: { a, _ in a })
        let openUnits = view.reportable.filter { thisMonth[$0]?.counts != true }
        let draft = openUnits.count == 1 ? thisMonth[openUnits[0]] : nil
        let reportedNote: String? =
            !view.reportable.isEmpty && openUnits.isEmpty
            ? t("本月（\(view.currentPeriod)）进展已报告，下月可再报告。", "This month's progress (\(view.currentPeriod)) is reported; report again next month.")
            : nil
        let form: Form? =
            openUnits.isEmpty
            ? nil
            : Form(
                heading: t("报告本月进展", "Report this month's progress"),
                periodText: t("报告期：\(view.currentPeriod)", "Month: \(view.currentPeriod)"), unitLabel: t("牵头单位", "Lead unit"),
                units: openUnits.map { Option(value: $0, label: TaskNames.unit($0, tree: tree, language: language), selected: false) },
                singleUnit: openUnits.count == 1 ? openUnits[0] : nil, statusLabel: t("进展状态", "Status"),
                statuses: TaskStatus.allCases.map {
                    Option(value: $0.rawValue, label: TaskNames.status($0, language), selected: $0 == (draft?.status ?? .onSchedule))
                },
                confidenceLabel: t("完成把握（牵头单位判断）", "Delivery confidence (the owner's judgement)"),
                confidences: DeliveryConfidence.allCases.map {
                    Option(value: $0.rawValue, label: TaskNames.confidence($0, language), selected: $0 == (draft?.confidence ?? .mediumHigh))
                },
                narrativeLabel: t("进展说明", "Narrative"),
                narrativeHint: t("做了什么、下一步、需要协调的问题；滞后或受阻时必填。", "What was done, what comes next, what needs help; required when behind or blocked."),
                narrative: draft?.narrative ?? "",
                milestoneLabel: t("本期完成的节点", "Milestones completed"),
                openMilestones: open.map { MilestoneOption(number: $0.offset + 1, label: "\($0.element.due) \($0.element.deliverable)") },
                hasOpenMilestones: !open.isEmpty, evidenceLabel: t("证明材料", "Evidence"),
                evidenceHint: t(
                    "PDF、OFD、图片或 Office 文件，每个不超过 \(EvidenceRules.maxBytes >> 20) MB，最多 \(EvidenceRules.maxFiles) 个。",
                    "PDF, OFD, images or Office files, at most \(EvidenceRules.maxBytes >> 20) MB each and \(EvidenceRules.maxFiles) in all."),
                accept: EvidenceRules.extensions.map { "." + $0 }.joined(separator: ","), saveLabel: t("保存草稿", "Save draft"),
                submitLabel: t("保存并提交审核", "Save and submit"))
        return Model(
            heading: t("任务 \(task.number)", "Task \(task.number)"), title: task.title, csrf: csrf, facts: facts,
            milestonesHeading: t("阶段节点", "Milestones"),
            milestones: task.milestones.enumerated().map { i, m in
                let code = m.doneOn != nil ? "done" : m.due < today ? "overdue" : "open"
                let state =
                    m.doneOn.map { t("已完成（\($0)）", "Done (\($0))") } ?? (m.due < today ? t("已逾期", "Overdue") : t("未完成", "Open"))
                return MilestoneRow(number: i + 1, due: m.due.description, deliverable: m.deliverable, state: state, stateCode: code)
            },
            hasMilestones: !task.milestones.isEmpty,
            standingHeading: t("各牵头单位进展与目标状态", "Lead units' progress beside the targets"),
            standing: task.leadUnits.map { unit in
                let report = view.latest[unit]
                return Standing(
                    unit: TaskNames.unit(unit, tree: tree, language: language), period: report?.period.description ?? "—",
                    status: report.map { TaskNames.status($0.status, language) } ?? t("未报告", "Not reported"),
                    statusCode: report?.status.rawValue ?? "none",
                    confidence: report.map { TaskNames.confidence($0.confidence, language) } ?? "—",
                    confidenceCode: report?.confidence.rawValue ?? "none",
                    divergence: view.divergent.contains(unit)
                        ? t("进展与目标背离：连续两期报告按计划推进，但相关目标未达进度", "Divergence: two reports running say on schedule, but the targets are off track")
                        : nil)
            },
            targetsHeading: t("相关目标：", "Targets served: "),
            targets: view.targetStatuses.sorted { $0.key < $1.key }.map {
                TargetChip(id: $0.key, status: language.status($0.value), code: $0.value.rawValue)
            },
            hasTargets: !view.targetStatuses.isEmpty, form: form, reportedNote: reportedNote, reportsHeading: t("进展报告", "Progress reports"),
            reports: view.reports.map { r in
                ReportRow(
                    unit: TaskNames.unit(r.unitCode, tree: tree, language: language), unitCode: r.unitCode, period: r.period.description,
                    status: TaskNames.status(r.status, language), statusCode: r.status.rawValue,
                    confidence: TaskNames.confidence(r.confidence, language),
                    state: TaskNames.state(r.state, language), stateCode: r.state.rawValue, narrative: r.narrative,
                    updated: LocalTime.display(r.updatedAt), reason: r.state == .returned ? r.reason : nil,
                    evidence: r.evidence.map { EvidenceLink(href: "/evidence/\($0.id)", name: $0.fileName, size: TaskNames.fileSize($0.size)) },
                    canSubmit: view.reportable.contains(r.unitCode) && (r.state == .draft || r.state == .returned),
                    canReview: view.reviewable.contains(r.unitCode) && r.state == .submitted, submitLabel: t("提交审核", "Submit"),
                    approveLabel: t("审核通过", "Approve"), returnLabel: t("退回", "Return"), reasonLabel: t("退回原因", "Reason for return"))
            },
            hasReports: !view.reports.isEmpty, noReports: t("尚无可查看的进展报告。", "No progress reports to show."), canManage: canManage,
            editLabel: t("编辑任务", "Edit the task"), orderLabel: t("就此任务下发督办单", "Issue an order about this task"),
            deleteLabel: t("删除任务", "Delete the task"),
            deleteConfirm: t("仅能删除尚无进展报告的任务。", "Only a task without progress reports can be deleted."), message: message, error: error,
            id: task.id,
            col: [
                "number": t("序号", "No."), "due": t("时限", "Due"), "deliverable": t("节点内容", "Milestone"), "state": t("状态", "State"),
                "unit": t("牵头单位", "Lead unit"), "period": t("报告期", "Month"), "status": t("进展状态", "Status"),
                "confidence": t("完成把握", "Confidence"), "workflow": t("流程", "Workflow"), "narrative": t("进展说明", "Narrative"),
                "evidence": t("证明材料", "Evidence"), "updated": t("更新时间", "Updated"), "reason": t("退回原因：", "Returned because: "),
            ],
            listHref: "/tasks?year=\(task.year)", listLabel: t("责任清单", "Responsibility list"))
    }
}
