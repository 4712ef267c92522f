import Foundation
import PlanCore
import PlanServices
import PlanStore

/// Uploading a file of figures: the form, then every row's outcome (new, changed, unchanged, or
/// the error), with a confirmation step after a preview.
struct ImportPage {
    struct Model {
        var heading, unitCode, unitName, csrf, intro, fileLabel, sheetLabel, reasonLabel, previewLabel, importLabel, templateLabel, limits: String
        var error: String?
        var hasResult: Bool
        var resultHeading: String
        var summary: [Count]
        var format: String
        var rows: [Row]
        /// How many rows the list leaves out, when there are more than ``listedRows``.
        var omitted: String?
        var stagingID: String?
        var confirmLabel, confirmNote: String
        var col: [String: String]
        /// After an import: the periods it wrote, each linking on to its form to be submitted.
        var next: [NextStep] = []
        var nextHeading = ""
        var hasNext = false
    }

    struct NextStep {
        var href, label: String
    }

    struct Count {
        var code, name: String
        var count: Int
    }

    struct Row {
        var line, indicator, period, value, outcome, outcomeCode, message: String
    }

    /// The most rows a result lists: errors first, then changes, then the rest, in file order
    /// within each (a 200,000-row file gets a page of a few hundred kilobytes, not 30 MB).
    static let listedRows = 500

    static func model(
        unit: ReportingUnit, csrf: String, result: (format: ReportFile.Format, result: ReportingService.SaveResult)? = nil,
        error: String = "", stagingID: String? = nil, language: Language
    ) -> Model {
        let t = language.t
        var rows: [Row] = []
        var summary: [Count] = []
        var heading = ""
        var omitted: String?
        if let (format, r) = result {
            func rank(_ i: Int) -> Int {
                if !r.checked[i].errors.isEmpty { return 0 }
                switch r.outcomes?[i] {
                case .changed?: return 1
                case .new?: return 2
                default: return r.checked[i].flags.isEmpty ? 4 : 3
                }
            }
            let listed = r.checked.indices.sorted { (rank($0), $0) < (rank($1), $1) }.prefix(listedRows).sorted()
            if r.checked.count > listed.count {
                let left = r.checked.count - listed.count
                omitted = t("另有 \(left) 行未列出（先列错误和修改）。", "\(left) more rows are not listed (errors and changes come first).")
            }
            for i in listed {
                let checked = r.checked[i]
                let outcome = r.outcomes?[i]
                let code = !checked.errors.isEmpty ? "error" : outcome?.rawValue ?? "valid"
                let name = outcomeName(code, language)
                let messages = checked.errors.map { t($0.zh, $0.en) } + checked.flags.map { t($0.zh, $0.en) }
                rows.append(
                    Row(
                        line: String(checked.row.line), indicator: checked.row.indicatorKey, period: checked.row.period,
                        value: String(checked.row.value.prefix(100)),
                        outcome: name, outcomeCode: code, message: messages.joined(separator: "；")))
            }
            summary = [
                Count(code: "new", name: t("新增", "New"), count: r.count(.new)),
                Count(code: "changed", name: t("修改", "Changed"), count: r.count(.changed)),
                Count(code: "unchanged", name: t("未变", "Unchanged"), count: r.count(.unchanged)),
                Count(code: "error", name: t("错误", "Errors"), count: r.errorCount),
            ]
            heading =
                r.errorCount > 0
                ? t("有 \(r.errorCount) 行错误，未写入任何数据（\(format.rawValue)）", "\(r.errorCount) rows have errors: nothing was written (\(format.rawValue))")
                : r.dryRun
                    ? t("预览结果（尚未写入，\(format.rawValue)）", "Preview (nothing written yet, \(format.rawValue))")
                    : t("已导入（\(format.rawValue)）", "Imported (\(format.rawValue))")
        }
        var next: [NextStep] = []
        if let (_, r) = result, !r.dryRun, r.errorCount == 0 {
            let periods = Set(r.checked.map(\.row.period)).sorted(by: >)
            next = periods.map { p in
                NextStep(href: "/units/\(unit.code)/periods/\(p)", label: t("去提交 \(p) 期审核", "Submit \(p) for review"))
            }
        }
        var model = Model(
            heading: t("导入 · \(unit.nameZh)", "Import · \(unit.nameEn)"), unitCode: unit.code, unitName: t(unit.nameZh, unit.nameEn), csrf: csrf,
            intro: t(
                "上传 CSV（UTF-8 或 GBK 编码）或 XLSX 文件，列与模板一致。先预览每一行的结果，确认后一次性写入；有任何错误则不写入。重复导入同一文件不会产生变化。",
                "Upload a CSV (UTF-8 or GBK) or XLSX file with the template's columns. Preview every row's outcome, then confirm: all rows are written at once, none if any row has an error. Importing the same file again changes nothing."
            ),
            fileLabel: t("文件", "File"), sheetLabel: t("工作表名称（XLSX，可选，默认第一个）", "Sheet name (XLSX, optional; the first by default)"),
            reasonLabel: t("修改理由（文件修改已审核数据时必填）", "Reason (required when the file changes approved figures)"),
            previewLabel: t("预览", "Preview"), importLabel: t("不预览直接导入", "Import without preview"),
            templateLabel: t("下载模板（XLSX）", "Download the template (XLSX)"),
            limits: t(
                "文件不超过 \(WebLimits.maxUploadBytes / 1_048_576) MB、\(ReportFile.maxRows) 行；不接受公式和合并单元格。",
                "At most \(WebLimits.maxUploadBytes / 1_048_576) MB and \(ReportFile.maxRows) rows; no formulas or merged cells."),
            error: error.nonEmpty, hasResult: result != nil, resultHeading: heading, summary: summary, format: result?.format.rawValue ?? "",
            rows: rows, omitted: omitted, stagingID: stagingID, confirmLabel: t("确认导入", "Confirm the import"),
            confirmNote: t("确认后按预览结果写入；30 分钟内有效。", "Writes what the preview shows; valid for 30 minutes."),
            col: [
                "line": t("行号", "Line"), "indicator": t("指标代码", "Indicator"), "period": t("期别", "Period"), "value": t("数值", "Value"),
                "outcome": t("结果", "Outcome"), "message": t("说明", "Message"),
            ])
        model.next = next
        model.hasNext = !next.isEmpty
        model.nextHeading = t("下一步：数据已保存为草稿，提交后才会送审", "Next: the figures are saved as drafts; submit them for review")
        return model
    }

    /// A row's outcome in words: `error`, `new`, `changed`, `unchanged`, or `valid` (checked, not
    /// written). Imports of figures and of the responsibility list share them.
    static func outcomeName(_ code: String, _ language: Language) -> String {
        let t = language.t
        return switch code {
        case "error": t("错误", "error")
        case "new": t("新增", "new")
        case "changed": t("修改", "changed")
        case "unchanged": t("未变", "unchanged")
        default: t("有效", "valid")
        }
    }
}
