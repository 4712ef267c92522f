import Foundation
import PlanCore
import PlanServices
import PlanStore

/// Importing a responsibility list (or, with the same template, a policy list): the upload
/// form, then every row's outcome or problems, with a confirmation after the preview.
struct TaskImportPage {
    struct Model {
        var heading, intro, csrf, fileLabel, sheetLabel, yearLabel, previewLabel, importLabel, exampleNote: String
        /// Where the form posts (the confirmation adds the staged file's id) and the list's page.
        var action, listHref: String
        /// The year of rows without one; nil for a list without years.
        var year: String?
        var error: String?
        var hasResult: Bool
        var resultHeading: String
        var summary: [Count]
        var rows: [Row]
        var stagingID: String?
        var confirmLabel: String
        var done: String?
        var col: [String: String]
    }

    struct Count {
        var code, name: String
        var count: Int
    }

    struct Row {
        var line, number, title, lead, due, outcome, outcomeCode, message: String
    }

    static func model(
        csrf: String, year: Int, result: SupervisionService.ListImport? = nil, error: String = "", stagingID: String? = nil, tree: UnitTree,
        language: Language
    ) -> Model {
        let t = language.t
        var rows: [Row] = []
        var summary: [Count] = []
        if let result {
            for (i, entry) in result.rows.enumerated() {
                let outcome = result.outcomes?[i]
                let code = !entry.problems.isEmpty ? "error" : outcome?.rawValue ?? "valid"
                rows.append(
                    Row(
                        line: String(entry.row.line), number: entry.row["number"], title: entry.row["title"],
                        lead: entry.task.map { TaskNames.units($0.leadUnits, tree: tree, language: language) } ?? entry.row["lead"],
                        due: entry.task?.due?.description ?? entry.row["due"], outcome: ImportPage.outcomeName(code, language), outcomeCode: code,
                        message: entry.problems.map { t($0.messageZh, $0.message) }.joined(separator: t("；", "; "))))
            }
            summary = Self.summary(result.outcomes, problemRows: result.rows.filter { !$0.problems.isEmpty }.count, language: language)
        }
        return Model(
            heading: t("导入责任清单", "Import a responsibility list"),
            intro: t(
                "XLSX 或 CSV（UTF-8 或 GBK），列为：序号、重点任务、牵头单位、配合单位、完成时限、对应条款；可加年度、关联目标、阶段节点、交付成果。先预览，确认后写入。",
                "XLSX or CSV (UTF-8 or GBK) in the layout of the exported list, with Chinese or English headers: number, task, lead units, cooperating units, due, article, and optionally year, targets, milestones, deliverable. Preview first, then confirm."
            ),
            csrf: csrf, fileLabel: t("文件", "File"), sheetLabel: t("工作表（可选）", "Sheet (optional)"),
            yearLabel: t("未写年度的行属于", "Rows without a year belong to"), previewLabel: t("预览", "Preview"),
            importLabel: t("直接导入", "Import now"),
            exampleNote: t(
                "示例文件见 examples/responsibility-list-demo.xlsx（仅为示意，非官方清单）。",
                "A sample file is examples/responsibility-list-demo.xlsx (illustrative, not an official list)."),
            action: "/tasks/import", listHref: "/tasks", year: String(year), error: error.isEmpty ? nil : error, hasResult: result != nil,
            resultHeading: result.map {
                heading(
                    imported: $0.outcomes != nil, dryRun: $0.dryRun, problems: $0.problemCount, nothing: t("未导入任何任务", "nothing was imported"),
                    language)
            } ?? "",
            summary: summary, rows: rows, stagingID: stagingID, confirmLabel: t("确认导入", "Confirm the import"),
            done: result.flatMap { $0.outcomes != nil && !$0.dryRun ? "/tasks" : nil },
            col: [
                "line": t("行", "Line"), "number": t("序号", "No."), "title": t("重点任务", "Task"), "lead": t("牵头单位", "Lead units"),
                "due": t("完成时限", "Due"), "outcome": t("结果", "Outcome"), "message": t("说明", "Message"), "list": t("查看责任清单", "See the list"),
            ])
    }

    /// The counts of an import: its outcomes, or how many rows have problems.
    static func summary(_ outcomes: [RowOutcome]?, problemRows: Int, language: Language) -> [Count] {
        guard let outcomes else { return [Count(code: "error", name: language.t("有问题的行", "rows with problems"), count: problemRows)] }
        return [RowOutcome.new, .changed, .unchanged].map { outcome in
            Count(code: outcome.rawValue, name: ImportPage.outcomeName(outcome.rawValue, language), count: outcomes.filter { $0 == outcome }.count)
        }
    }

    /// What an import did, in a sentence: its problems, a preview, or done.
    static func heading(imported: Bool, dryRun: Bool, problems: Int, nothing: String, _ language: Language) -> String {
        let t = language.t
        if !imported { return t("有 \(problems) 处问题，", "\(problems) problems: ") + nothing + t("。", ".") }
        return dryRun ? t("预览：以下为导入后的结果，尚未写入。", "Preview: this is what the import would do; nothing is saved yet.") : t("已导入。", "Imported.")
    }
}
