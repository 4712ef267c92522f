import Foundation
import PlanCore
import PlanServices

/// The responsibility list: a year's tasks with their units, deadlines, articles and each lead
/// unit's latest reported status.
struct TaskListPage {
    struct Model {
        var heading, intro: String
        var years: [YearLink]
        var hasYears: Bool
        var year: String
        var canManage: Bool
        var importLabel, newLabel, exportLabel, policiesLabel, empty: String
        var rows: [Row]
        var hasRows: Bool
        var col: [String: String]
        var unitFilter: String?
        var articleFilter: String?
        var clearFilter: String
    }

    struct YearLink {
        var year: String
        var href: String
        var current: Bool
    }

    struct Row {
        var id, number, title, lead, support, due, article: String
        var articleHref: String?
        var statuses: [Chip]
        var overdue: Bool
        var overdueText: String
    }

    struct Chip {
        var text, code: String
    }

    static func model(
        tasks: [WorkTask], years: [Int], year: Int, latest: [String: ProgressReport], canManage: Bool, unitFilter: ReportingUnit?,
        articleFilter: Int? = nil, today: Day,
        tree: UnitTree, language: Language
    ) -> Model {
        let t = language.t
        return Model(
            heading: t("责任清单", "Responsibility list"),
            intro: t(
                "每项年度工作任务的牵头单位、配合单位、完成时限和对应条款；牵头单位按月报告进展。",
                "Each annual work task with its lead and cooperating units, deadline and article; lead units report progress monthly."),
            years: years.map { YearLink(year: String($0), href: "/tasks?year=\($0)", current: $0 == year) }, hasYears: years.count > 1,
            year: String(year), canManage: canManage, importLabel: t("导入责任清单", "Import a list"), newLabel: t("新增任务", "Add a task"),
            exportLabel: t("导出 XLSX", "Export XLSX"), policiesLabel: t("政策清单", "Policy list"),
            empty: t("\(year) 年度尚未导入责任清单。", "No responsibility list has been imported for \(year)."),
            rows: tasks.map { task in
                let overdue = task.due.map { $0 < today } ?? false
                return Row(
                    id: task.id, number: task.number, title: task.title, lead: TaskNames.units(task.leadUnits, tree: tree, language: language),
                    support: TaskNames.units(task.supportUnits, tree: tree, language: language), due: TaskNames.due(task, language),
                    article: task.article.map { t("第\($0)条", "Art. \($0)") } ?? "", articleHref: task.article.map { "/articles/\($0)" },
                    statuses: task.leadUnits.map { unit in
                        let report = latest["\(task.id)|\(unit)"]
                        let status = report.map { TaskNames.status($0.status, language) } ?? t("未报告", "Not reported")
                        return Chip(
                            text: TaskNames.unit(unit, tree: tree, language: language) + t("：", ": ") + status,
                            code: report?.status.rawValue ?? "none")
                    },
                    overdue: overdue && task.leadUnits.contains { latest["\(task.id)|\($0)"]?.status != .done },
                    overdueText: t("已逾期", "Overdue"))
            },
            hasRows: !tasks.isEmpty,
            col: [
                "number": t("序号", "No."), "title": t("重点任务", "Task"), "lead": t("牵头单位", "Lead units"), "support": t("配合单位", "Cooperating"),
                "due": t("完成时限", "Due"), "article": t("对应条款", "Article"), "status": t("最新进展", "Latest progress"),
            ],
            unitFilter: unitFilter.map { t($0.nameZh, $0.nameEn) }, articleFilter: articleFilter.map { t("第\($0)条", "Article \($0)") },
            clearFilter: t("显示全部", "Show all"))
    }
}
