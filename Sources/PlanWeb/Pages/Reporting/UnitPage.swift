import Foundation
import PlanCore
import PlanServices
import PlanStore

/// A reporting unit's page: what is due, overdue and done, its subordinate units, and
/// reconciliation mismatches that involve it.
struct UnitPage {
    struct Model {
        var code, heading: String
        var hasPeriods, hasChildren, hasMismatches: Bool
        var kind, parentName: String
        /// `nil` for a unit at the top (Mustache treats an empty string as present).
        var parentCode: String?
        var summary: [Count]
        var periodsHeading: String
        var periods: [PeriodRow]
        var canEnter: Bool
        var importLabel, templateLabel: String
        var childrenHeading: String
        var children: [ChildRow]
        var mismatchHeading, mismatchNote: String
        var mismatches: [MismatchRow]
        var col: [String: String]
        var empty: String
        var tasksHeading: String
        var tasks: [TaskRow]
        var hasTasks: Bool
        var allTasksLabel: String
        var diligence: Diligence
    }

    /// The unit's reporting diligence, month by month.
    struct Diligence {
        var heading, note, allUnitsLabel: String
        var rows: [DiligenceRow]
        var dcol: [String: String]
    }

    struct DiligenceRow {
        var month, score, band, due, timeliness, completeness, revisedLate, outliers, evidence: String
    }

    static func diligence(_ months: [SupervisionService.DiligenceMonth], language: Language) -> Diligence {
        let t = language.t
        return Diligence(
            heading: t("报送质量", "Reporting diligence"),
            note: t(
                "按截止日所在月份统计本单位的报送义务（各期数据、牵头任务的月度进展）：及时率为截止日前首次报送的比例，完整率为应报项目中已报送的比例；另计截止后对已报数据的修改、异常值和进展报告附佐证材料的比例。得分为加权平均（及时 30、完整 30、截止后修改 15、异常值 10、佐证 15），满分 100。",
                "The unit's obligations (periods of figures, monthly reports on the tasks it leads) by the month they fell due: on time is the share first submitted by the due day, complete the share of expected items submitted; besides, figures changed after the deadline, outliers, and task reports with evidence. The score is a weighted mean (on time 30, complete 30, late changes 15, outliers 10, evidence 15), out of 100."
            ), allUnitsLabel: t("各单位报送质量", "All units' diligence"),
            rows: months.map { m in
                let c = m.counts
                return DiligenceRow(
                    month: m.month.description, score: DiligenceText.score(m.score), band: DiligenceText.band(m.score),
                    due: c.isEmpty ? "0" : "\(c.due)", timeliness: DiligenceText.share(c.timeliness),
                    completeness: DiligenceText.share(c.completeness),
                    revisedLate: c.values > 0 ? "\(c.revisedLate)/\(c.values)" : "—", outliers: DiligenceText.share(c.outlierRate),
                    evidence: c.reports > 0 ? "\(c.withEvidence)/\(c.reports)" : "—")
            }, dcol: DiligenceText.columns(language))
    }

    struct TaskRow {
        var id, number, title, due, status, statusCode, confidence: String
        var divergence: String?
    }

    struct Count {
        var code, name: String
        var count: Int
    }

    struct PeriodRow {
        var period, frequency, dueDay, lockDay, completeness, status, state, stateCode: String
        var href: String
        var locked: Bool
        var lockedText: String
        /// "去填报" on a period the reader may still fill in.
        var action: String?
    }

    struct ChildRow {
        var code, name: String
        var overdue, awaiting, done, total: Int
    }

    struct MismatchRow {
        var indicator, parent, parentValue, childrenSum, difference, missing: String
    }

    static func model(
        unit: ReportingUnit, parent: ReportingUnit?, periods: [CalendarPeriod], canEnter: Bool, children: [(ReportingUnit, [CalendarPeriod])],
        mismatches: [ReconciliationRow], tasks: [SupervisionService.LedTask] = [], diligence: [SupervisionService.DiligenceMonth] = [], plan: Plan,
        tree: UnitTree, language: Language
    ) -> Model {
        let t = language.t
        let counts = Dictionary(grouping: periods, by: \.state).mapValues(\.count)
        let kind: String =
            switch unit.kind {
            case .region: t("地区", "Region")
            case .department: t("省直部门", "Provincial department")
            case .enterprise: t("省属企业", "Provincial enterprise")
            }
        return Model(
            code: unit.code, heading: t(unit.nameZh, unit.nameEn), hasPeriods: !periods.isEmpty, hasChildren: !children.isEmpty,
            hasMismatches: !mismatches.isEmpty, kind: kind, parentName: parent.map { t($0.nameZh, $0.nameEn) } ?? "",
            parentCode: parent?.code,
            summary: [DueState.overdue, .due, .returned, .submitted, .done, .backfill].map {
                Count(code: $0.rawValue, name: t($0.nameZh, $0.nameEn), count: counts[$0] ?? 0)
            },
            periodsHeading: t("报送日历", "Reporting calendar"),
            periods: periods.map { p in
                PeriodRow(
                    period: p.period.description, frequency: t(p.frequency.nameZh, p.frequency.rawValue), dueDay: p.dueDay.description,
                    lockDay: p.lockDay.description, completeness: "\(p.entered)/\(p.indicatorKeys.count)",
                    status: t(p.status.nameZh, p.status.nameEn), state: t(p.state.nameZh, p.state.nameEn), stateCode: p.state.rawValue,
                    href: "/units/\(unit.code)/periods/\(p.period.description)", locked: p.locked, lockedText: t("已锁定", "locked"),
                    action: canEnter && !p.locked && [.due, .overdue, .returned, .backfill].contains(p.state) ? t("去填报", "Enter data") : nil)
            },
            canEnter: canEnter, importLabel: t("导入文件（CSV / XLSX）", "Import a file (CSV / XLSX)"),
            templateLabel: t("下载填报模板（XLSX）", "Download the template (XLSX)"),
            childrenHeading: t("下级单位报送情况", "Subordinate units"),
            children: children.map { u, ps in
                ChildRow(
                    code: u.code, name: t(u.nameZh, u.nameEn), overdue: ps.filter { $0.state == .overdue }.count,
                    awaiting: ps.filter { $0.state == .submitted }.count, done: ps.filter { $0.state == .done }.count, total: ps.count)
            },
            mismatchHeading: t("上下级数据衔接", "Vertical reconciliation"),
            mismatchNote: t(
                "下级合计与本级数据之差超过容差的指标（含待审核数据）。",
                "Indicators whose subordinate sum differs from this level beyond tolerance (including unapproved figures)."),
            mismatches: mismatches.map { r in
                let indicator = plan.indicator(r.indicatorKey)
                let unitText = indicator?.unit ?? ""
                return MismatchRow(
                    indicator: indicator.map { t($0.nameZh, $0.nameEn) } ?? r.indicatorKey,
                    parent: tree[r.parentCode].map { t($0.nameZh, $0.nameEn) } ?? r.parentCode,
                    parentValue: NumberText.format(r.parentValue, unit: unitText, language: language),
                    childrenSum: NumberText.format(r.childrenSum, unit: unitText, language: language),
                    difference: r.relativeDifference.map { String(format: "%+.1f%%", $0 * 100) } ?? PlainNumber.format(r.difference),
                    missing: r.childrenMissing.isEmpty ? "" : t("未报 \(r.childrenMissing.count) 个", "\(r.childrenMissing.count) not reported"))
            },
            col: [
                "period": t("期别", "Period"), "frequency": t("频率", "Frequency"), "due": t("截止日期", "Due"), "lock": t("锁定日期", "Locks"),
                "completeness": t("完整性", "Complete"), "status": t("流程状态", "Workflow"), "state": t("报送", "State"),
                "action": t("操作", "Action"), "number": t("序号", "No."), "task": t("重点任务", "Task"),
                "taskStatus": t("最新进展", "Latest progress"), "confidence": t("完成把握", "Confidence"),
                "unit": t("单位", "Unit"), "overdue": t("逾期", "Overdue"), "awaiting": t("待审核", "Awaiting"), "done": t("已完成", "Done"),
                "total": t("应报期数", "Periods"), "indicator": t("指标", "Indicator"), "parent": t("本级", "Parent"),
                "parentValue": t("本级数值", "Parent value"), "childrenSum": t("下级合计", "Subordinate sum"),
                "difference": t("差异", "Difference"), "missing": t("缺报", "Missing"), "parentUnit": t("上级单位：", "Reports to: "),
            ],
            empty: t("本单位没有需要报送的指标。", "This unit reports no figures."),
            tasksHeading: t("牵头任务", "Tasks it leads"),
            tasks: tasks.map { led in
                TaskRow(
                    id: led.task.id, number: led.task.number, title: led.task.title, due: TaskNames.due(led.task, language),
                    status: led.latest.map { TaskNames.status($0.status, language) } ?? t("未报告", "Not reported"),
                    statusCode: led.latest?.status.rawValue ?? "none",
                    confidence: led.latest.map { TaskNames.confidence($0.confidence, language) } ?? "—",
                    divergence: led.divergent
                        ? t("进展与目标背离：连续两期报告按计划推进，但相关目标未达进度", "Divergence: two reports running say on schedule, but the targets are off track")
                        : nil)
            }, hasTasks: !tasks.isEmpty, allTasksLabel: t("该单位的全部任务", "All of this unit's tasks"),
            diligence: Self.diligence(diligence, language: language))
    }
}
