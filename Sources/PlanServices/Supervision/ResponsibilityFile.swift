import Foundation
import PlanCore
import PlanFiles

/// A responsibility list (责任清单) as offices exchange it: one row per task with the columns
/// 序号, 重点任务, 牵头单位, 配合单位, 完成时限, 对应条款, and optionally 年度, 关联目标,
/// 阶段节点 and 交付成果. The header may sit below a title row; CSV (UTF-8 or GBK) or XLSX.
public enum ResponsibilityFile {
    public static let columns: [ListSheet.Column] = [
        ("number", "序号", ["编号", "no"], true),
        ("title", "重点任务", ["工作任务", "任务", "任务内容", "task"], true),
        ("lead", "牵头单位", ["责任单位", "lead units"], true),
        ("support", "配合单位", ["参与单位", "协办单位", "cooperating units"], false),
        ("due", "完成时限", ["时限", "完成时间", "due"], true),
        ("article", "对应条款", ["条款", "对应条目", "article"], false),
        ("year", "年度", ["year"], false),
        ("targets", "关联目标", ["目标", "targets"], false),
        ("milestones", "阶段节点", ["里程碑", "节点", "milestones"], false),
        ("deliverable", "交付成果", ["成果形式", "deliverable"], false),
    ]

    public typealias Row = ListSheet.Row

    /// Reads the rows of a file. The header is the first of the first ten lines that names
    /// 重点任务 and 牵头单位 (a title above it is skipped); blank rows are skipped.
    public static func parse(_ data: Data, sheet: String? = nil) throws(ReportFileError) -> (format: ReportFile.Format, rows: [Row]) {
        try ListSheet.parse(data, sheet: sheet, columns: columns, anchors: ["title", "lead"])
    }

    /// What the list's names and texts resolve to.
    public struct Context: Sendable {
        public var units: [ReportingUnit]
        public var articleCount: Int
        public var targetIDs: Set<String>
        /// The year of rows without a 年度.
        public var year: Int

        public init(units: [ReportingUnit], articleCount: Int, targetIDs: Set<String>, year: Int) {
            self.units = units
            self.articleCount = articleCount
            self.targetIDs = targetIDs
            self.year = year
        }
    }

    /// Resolves rows into tasks; a row with problems gives none and its problems instead.
    public static func tasks(_ rows: [Row], context: Context) -> [(row: Row, task: WorkTask?, problems: [RowProblem])] {
        let matcher = UnitMatcher(context.units)
        var seen: Set<String> = []
        return rows.enumerated().map { position, row in
            var problems: [RowProblem] = []
            func problem(_ zh: String, _ en: String) { problems.append(RowProblem(line: row.line, indicatorKey: nil, message: en, messageZh: zh)) }
            let number = row["number"]
            if !WorkTask.validNumber(number) {
                problem("序号「\(number)」无效：只能由字母、数字、点和短横组成，最多 20 个字符", "Number “\(number)” is invalid: letters, digits, dots and dashes, at most 20")
            }
            let title = row["title"]
            if title.isEmpty { problem("重点任务为空", "The task is empty") }
            if title.count > 2000 { problem("重点任务过长（\(title.count) 字，上限 2000 字）", "The task is too long (\(title.count) characters, at most 2000)") }
            var year = context.year
            if !row["year"].isEmpty {
                if let y = Int(row["year"].replacingOccurrences(of: "年", with: "")), (2000...2100).contains(y) {
                    year = y
                } else {
                    problem("年度「\(row["year"])」无效，应为 2026 这样的年份", "Year “\(row["year"])” is invalid")
                }
            }
            let id = WorkTask.id(year: year, number: number)
            if WorkTask.validNumber(number), !seen.insert(id).inserted {
                problem("序号 \(number) 在 \(year) 年度重复", "Number \(number) appears twice in \(year)")
            }
            func units(_ key: String, label: String) -> [String] {
                ListSheet.units(row[key], label: label, matcher: matcher, problem: problem)
            }
            let lead = units("lead", label: "牵头单位")
            if UnitMatcher.split(row["lead"]).isEmpty { problem("牵头单位为空", "No lead unit") }
            let support = units("support", label: "配合单位").filter { !lead.contains($0) }
            var due: Day?
            switch DueText.read(row["due"]) {
            case .day(let day)?: due = day
            case .ongoing?: due = nil
            case nil:
                problem(
                    "无法识别完成时限「\(row["due"])」，请写成 2026-06-30、2026年6月底 或 长期坚持",
                    "Cannot read the deadline “\(row["due"])”: write 2026-06-30, 2026年6月底 or 长期坚持")
            }
            let article = row["article"].isEmpty ? nil : ListSheet.article(row["article"], articleCount: context.articleCount, problem: problem)
            let targets = UnitMatcher.split(row["targets"].replacingOccurrences(of: " ", with: ","))
            for target in targets where !context.targetIDs.contains(target) {
                problem("关联目标「\(target)」不存在", "Target “\(target)” does not exist")
            }
            var milestones: [Milestone] = []
            for part in row["milestones"].components(separatedBy: CharacterSet(charactersIn: ";；\n")).map({ $0.trimmingCharacters(in: .whitespaces) })
            where !part.isEmpty {
                let pieces = part.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "：" || $0 == ":" }).map(String.init)
                if let first = pieces.first, case .day(let day)? = DueText.read(first) {
                    milestones.append(Milestone(due: day, deliverable: pieces.count > 1 ? pieces[1].trimmingCharacters(in: .whitespaces) : ""))
                } else {
                    problem("阶段节点「\(part)」应写成「2026-06-30 完成初稿」", "Milestone “\(part)” should read “2026-06-30 first draft”")
                }
            }
            guard problems.isEmpty else { return (row, nil, problems) }
            let task = WorkTask(
                year: year, number: number, position: position + 1, title: title, article: article, leadUnits: lead, supportUnits: support, due: due,
                dueText: row["due"], deliverable: row["deliverable"], targetIDs: targets, milestones: milestones.sorted { $0.due < $1.due })
            return (row, task, [])
        }
    }

    /// The list as an XLSX workbook in the same layout, units by their short names.
    public static func xlsx(_ tasks: [WorkTask], units: [ReportingUnit]) throws -> Data {
        let byCode = Dictionary(units.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        func names(_ codes: [String]) -> String {
            codes.map { code in byCode[code].map { $0.aliases.first ?? $0.nameZh } ?? code }.joined(separator: "、")
        }
        var rows: [[XLSXWriter.Cell]] = [columns.map { .text($0.zh) }]
        for task in tasks {
            rows.append([
                .text(task.number), .text(task.title), .text(names(task.leadUnits)), .text(names(task.supportUnits)), .text(task.dueText),
                .text(task.article.map { "第\($0)条" } ?? ""), .number(Double(task.year)), .text(task.targetIDs.joined(separator: "、")),
                .text(task.milestones.map { "\($0.due) \($0.deliverable)" }.joined(separator: "；")), .text(task.deliverable),
            ])
        }
        return try XLSXWriter.workbook(sheetName: "责任清单", rows: rows)
    }
}
