import Foundation
import PlanCore
import PlanStore

/// A reviewer's queue: submitted periods waiting in the units the reviewer may approve, and the
/// reconciliation mismatches of a period.
struct ReviewPage {
    struct Model {
        var heading, queueHeading, empty, mismatchHeading, mismatchNote, noMismatch, periodLabel, show, period: String
        var items: [Item]
        var hasItems, hasMismatches: Bool
        var mismatches: [UnitPage.MismatchRow]
        var col: [String: String]
    }

    struct Item {
        var unitCode, unitName, period, submittedBy, at, reason: String
    }

    static func model(queue: [Submission], tree: UnitTree, period: Period, mismatches: [ReconciliationRow], plan: Plan, language: Language) -> Model {
        let t = language.t
        let unitModel = UnitPage.model(
            unit: ReportingUnit(code: "", nameZh: "", nameEn: "", kind: .region, parentCode: nil, regionCode: ""), parent: nil, periods: [],
            canEnter: false, children: [], mismatches: mismatches, plan: plan, tree: tree, language: language)
        return Model(
            heading: t("审核", "Review"), queueHeading: t("待审核的报送", "Submissions awaiting review"),
            empty: t("没有待审核的报送。", "Nothing is waiting for review."),
            mismatchHeading: t("上下级数据衔接", "Vertical reconciliation"),
            mismatchNote: t(
                "县（市、区）合计与市、市合计与全省之差超过容差的指标；“缺报”表示仍有下级单位未填报。",
                "Counties against their city and cities against the province, beyond tolerance; “missing” counts subordinate units that have not reported."
            ),
            noMismatch: t("本期没有超出容差的差异。", "No differences beyond tolerance for this period."),
            periodLabel: t("期别", "Period"), show: t("显示", "Show"), period: period.description,
            items: queue.sorted { $0.updatedAt < $1.updatedAt }.map { s in
                Item(
                    unitCode: s.unitCode, unitName: tree[s.unitCode].map { t($0.nameZh, $0.nameEn) } ?? s.unitCode, period: s.period.description,
                    submittedBy: s.submittedBy ?? "", at: LocalTime.display(s.updatedAt), reason: s.reason ?? "")
            },
            hasItems: !queue.isEmpty, hasMismatches: !mismatches.isEmpty, mismatches: unitModel.mismatches,
            col: unitModel.col.merging(
                ["submittedBy": t("提交人", "Submitted by"), "at": t("提交时间", "Submitted"), "reason": t("修改理由", "Reason for change")],
                uniquingKeysWith: { _, b in b }))
    }
}

/// The audit log, filtered.
struct AuditPage {
    struct Model {
        var heading, note, filter, actorLabel, actionLabel, unitLabel, sinceLabel, untilLabel, totalText: String
        var actor, action, unit, since, until: String
        var entries: [Entry]
        var hasEntries: Bool
        var previous, next: String?
        var previousLabel, nextLabel: String
        var col: [String: String]
    }

    struct Entry {
        var id, at, actor, actorUnit, ip, action, actionText, unitCode, subject, before, after, detail: String
    }

    static func model(entries: [AuditEntry], total: Int, query: AuditQuery, filter: [String: String], language: Language) -> Model {
        let t = language.t
        func link(offset: Int) -> String {
            var items = filter.filter { !$0.value.isEmpty }.map { URLQueryItem(name: $0.key, value: $0.value) }.sorted { $0.name < $1.name }
            items.append(URLQueryItem(name: "offset", value: String(offset)))
            var c = URLComponents()
            c.path = "/audit"
            c.queryItems = items
            return c.string ?? "/audit"
        }
        return Model(
            heading: t("审计日志", "Audit log"),
            note: t(
                "记录每一次登录、数据修改、审核、角色变更和导入：操作人、时间、来源地址、修改前后。日志只增不改。",
                "Every login, data change, approval, role change and import: who, when, from where, before and after. The log is append-only."),
            filter: t("筛选", "Filter"), actorLabel: t("操作人", "Actor"), actionLabel: t("操作（如 submission. 为前缀）", "Action (a prefix like submission.)"),
            unitLabel: t("单位代码", "Unit code"), sinceLabel: t("起始时间", "Since"), untilLabel: t("截止时间", "Until"),
            totalText: t("共 \(total) 条", "\(total) entries"),
            actor: filter["actor"] ?? "", action: filter["action"] ?? "", unit: filter["unit"] ?? "", since: filter["since"] ?? "",
            until: filter["until"] ?? "",
            entries: entries.map { e in
                Entry(
                    id: String(e.id), at: LocalTime.display(e.at, seconds: true), actor: e.actor, actorUnit: e.actorUnit, ip: e.ip,
                    action: e.action, actionText: AuditText.action(e.action, language), unitCode: e.unitCode, subject: e.subject,
                    before: AuditText.state(e.before, language), after: AuditText.state(e.after, language),
                    detail: AuditText.detail(e.action, e.detail, language))
            },
            hasEntries: !entries.isEmpty,
            previous: query.offset > 0 ? link(offset: max(0, query.offset - query.limit)) : nil,
            next: query.offset < total - query.limit ? link(offset: query.offset + query.limit) : nil,
            previousLabel: t("上一页", "Previous"), nextLabel: t("下一页", "Next"),
            col: [
                "id": "#", "at": t("时间（北京时间）", "Time (Beijing)"), "actor": t("操作人", "Actor"), "ip": t("来源地址", "From"), "action": t("操作", "Action"),
                "unit": t("单位", "Unit"), "subject": t("对象", "Subject"), "before": t("修改前", "Before"), "after": t("修改后", "After"),
                "detail": t("说明", "Detail"),
            ])
    }
}
