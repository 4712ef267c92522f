import Foundation
import PlanCore
import PlanServices
import PlanStore

/// The data-entry form of one unit and period: each due indicator with its unit, the last
/// approved value and the target beside the field; comments, explanations for flagged values,
/// the workflow buttons the user may press, and the revision history.
struct EntryPage {
    struct Model {
        var heading, unitCode, unitName, period, status, statusCode, dueText: String
        var reasonText, message, error: String?
        var rows: [Row]
        var editable, canSubmit, needsReason, canApprove, canReturn, canReopen, hasRevisions, hasReview: Bool
        var revisions: [Revision]
        var csrf: String
        var label: [String: String]
    }

    struct Row {
        var key, name, unit, last, target, value, approved, comment, explanation: String
        var diff, flagText, problem: String?
        var flagged, changed: Bool
        var revision: Int
        /// The change against the last value ("较上期 +3.2%"), and whether it is a jump to check.
        var change: String?
        var jump = false
        /// The first flagged row's explanation gets the focus.
        var focus = false
        /// The value as text for a reader who may not edit (`nil` when the form is editable).
        var readValue: String?
    }

    struct Revision {
        var indicator, revision, value, by, at, reason, channel: String
    }

    /// What the user typed, when the form is shown again after a refused save.
    struct Posted {
        var value, comment, explanation: String
    }

    static func model(
        data: ReportingService.PeriodData, snapshot: PlanService.Snapshot, identity: Identity?, permissions: Set<ReportingAction>,
        posted: [String: Posted] = [:], rowErrors: [String: String] = [:], message: String = "", error: String = "", language: Language
    ) -> Model {
        let t = language.t
        let plan = snapshot.plan
        let text = TargetText(plan: plan, language: language)
        let values = Dictionary(data.values.map { ($0.indicatorKey, $0) }, uniquingKeysWith: { a, _ in a })
        let status = data.entry.status
        let frozen = data.entry.locked
        let canWrite = permissions.contains(.enterData) && !frozen && status != .submitted
        var rows = data.entry.indicatorKeys.map { key -> Row in
            let indicator = plan.indicator(key)
            let unitText = indicator?.unit ?? ""
            let stored = values[key]
            let history = snapshot.index[key, data.unit.regionCode]
                .filter { Frequency(of: $0.period) == data.entry.frequency && $0.period < data.entry.period }
            let last = history.max { $0.period < $1.period }
            let target = plan.targets.first { $0.indicatorKey == key && $0.regionCode == data.unit.regionCode }
            let shown = stored?.value
            let issues = stored?.flags ?? []
            var diff = ""
            if let stored, let approved = stored.approvedValue, approved != stored.value {
                let change = approved == 0 ? "" : String(format: "（%+.1f%%）", (stored.value - approved) / abs(approved) * 100)
                diff = t(
                    "已审核值 \(PlainNumber.format(approved)) → \(PlainNumber.format(stored.value))\(change)",
                    "approved \(PlainNumber.format(approved)) → \(PlainNumber.format(stored.value))\(change)")
            }
            let typed = posted[key].flatMap { Double($0.value.replacingOccurrences(of: ",", with: "")) } ?? shown
            var change: String? = nil
            var jump = false
            if let typed, let last {
                if let r = LastValueChange.relative(from: last.value, to: typed) {
                    change = t("较上期（\(last.period)）", "vs \(last.period): ") + String(format: "%+.1f%%", r * 100)
                }
                jump = LastValueChange.isLargeJump(from: last.value, to: typed)
                if jump {
                    change =
                        (change ?? "")
                        + t("：变化很大，请核对数值和单位（\(unitText)）", " — a large change: check the value and the unit (\(text.unit(unitText)))")
                }
            }
            var row = Row(
                key: key, name: indicator.map { t($0.nameZh, $0.nameEn) } ?? key, unit: text.unit(unitText),
                last: last.map { NumberText.format($0.value, unit: unitText, language: language) + t("（\($0.period)）", " (\($0.period))") } ?? "—",
                target: target.map { text.goal($0) } ?? "—",
                value: posted[key]?.value ?? shown.map { PlainNumber.format($0) } ?? "",
                approved: stored?.approvedValue.map { PlainNumber.format($0) } ?? "",
                comment: posted[key]?.comment ?? (stored?.comment ?? ""),
                explanation: posted[key]?.explanation ?? (stored?.explanation ?? ""),
                diff: diff.nonEmpty, flagText: issues.map { flagText($0, language) }.joined(separator: "；").nonEmpty,
                problem: rowErrors[key],
                flagged: !issues.isEmpty, changed: !diff.isEmpty, revision: stored?.revision ?? 0)
            row.change = change
            row.jump = jump
            if !canWrite { row.readValue = shown.map { NumberText.format($0, unit: unitText, language: language) } ?? "—" }
            return row
        }
        if canWrite, let first = rows.firstIndex(where: { $0.flagged || $0.problem != nil || $0.jump }) { rows[first].focus = true }
        let reason = data.submission.reason ?? ""
        let reasonText: String =
            switch status {
            case .returned: t("退回理由：\(reason)", "Returned: \(reason)")
            case .submitted where !reason.isEmpty: t("修改理由：\(reason)", "Reason for the change: \(reason)")
            case .draft where data.submission.reopened: t("重新开放理由：\(reason)", "Reopened: \(reason)")
            default: ""
            }
        let reviewing = permissions.contains(.approve) && status == .submitted
        let reopenable = permissions.contains(.reopen) && (status == .approved || status == .locked || frozen)
        return Model(
            heading: t(
                "\(data.unit.nameZh) · \(data.entry.period) \(data.entry.frequency.nameZh)",
                "\(data.unit.nameEn) · \(data.entry.period) (\(data.entry.frequency.rawValue))"),
            unitCode: data.unit.code, unitName: t(data.unit.nameZh, data.unit.nameEn), period: data.entry.period.description,
            status: t(status.nameZh, status.nameEn), statusCode: status.rawValue,
            dueText: !data.entry.inCalendar
                ? t("本期已不在报送日历中，仍可审核", "No longer in the reporting calendar; it can still be reviewed")
                : t(
                    "截止 \(data.entry.dueDay) · 锁定 \(data.entry.lockDay)\(frozen ? "（已锁定，修改需审核员重新开放）" : "")",
                    "due \(data.entry.dueDay) · locks \(data.entry.lockDay)\(frozen ? " (locked: a reviewer must reopen it)" : "")"),
            reasonText: reasonText.nonEmpty, message: message.nonEmpty, error: error.nonEmpty, rows: rows,
            editable: canWrite, canSubmit: canWrite && status != .approved, needsReason: canWrite && status == .approved,
            canApprove: reviewing, canReturn: reviewing, canReopen: reopenable, hasRevisions: !data.revisions.isEmpty,
            hasReview: reviewing || reopenable,
            revisions: data.drafts
                ? data.revisions.map { r in
                    Revision(
                        indicator: plan.indicator(r.indicatorKey).map { t($0.nameZh, $0.nameEn) } ?? r.indicatorKey, revision: String(r.revision),
                        value: PlainNumber.format(r.value), by: r.changedBy, at: LocalTime.display(r.changedAt),
                        reason: r.reason, channel: AuditText.channel(r.channel, language))
                } : [],
            csrf: identity?.csrfToken ?? "",
            label: [
                "indicator": t("指标", "Indicator"), "unit": t("计量单位", "Unit"), "last": t("上期审核值", "Last approved"),
                "target": t("目标", "Target"), "value": t("本期数值", "Value"), "comment": t("备注", "Comment"),
                "explanation": t("说明（被标记时必填）", "Explanation (required when flagged)"), "save": t("保存草稿", "Save draft"),
                "submit": t("提交审核", "Submit for review"), "reason": t("修改已审核数据的理由（必填）", "Reason for changing approved figures (required)"),
                "approve": t("审核通过", "Approve"), "return": t("退回", "Return"), "reopen": t("重新开放", "Reopen"),
                "reviewReason": t("理由（退回、重新开放时必填）", "Reason (required to return or reopen)"),
                "revisions": t("修订记录", "Revision history"), "revision": t("版本", "Rev."), "by": t("修改人", "By"), "at": t("时间（北京时间）", "When (Beijing)"),
                "why": t("理由", "Reason"), "channel": t("途径", "Channel"), "status": t("状态", "Status"), "review": t("审核", "Review"),
                "back": t("返回单位页面", "Back to the unit"), "backTo": t("返回单位页面：", "Back to the unit: "),
                "statusIs": t("状态：", "Status: "), "sep": t("：", ": "), "import": t("导入文件", "Import a file"),
                "change": t("变化", "Change"), "entries": t("本期填报", "Figures for the period"),
            ])
    }

    static func flagText(_ code: String, _ language: Language) -> String {
        switch code {
        case "outside_history": language.t("超出本单位历史区间", "outside the unit's historical band")
        case "z_score": language.t("偏离历史均值超过 3 个标准差", "over 3 standard deviations from the historical mean")
        default: code
        }
    }
}
