import Foundation
import PlanCore
import PlanFiles

/// Monthly dispatch reports as units exchange them (项目月度调度表): one row per project and
/// month, CSV (UTF-8 or GBK) or XLSX; the same layout is exported.
public enum ProjectReportFile {
    public static let columns: [ListSheet.Column] = [
        ("code", "项目代码", ["code", "project code"], true),
        ("month", "月份", ["调度月份", "month"], true),
        ("investmentMonth", "本月完成投资（万元）", ["本月完成投资", "investment this month"], true),
        ("investmentToDate", "累计完成投资（万元）", ["累计完成投资", "自开工累计完成投资", "investment to date"], true),
        ("investmentYear", "当年累计完成投资（万元）", ["当年累计完成投资", "年度累计完成投资", "investment this year"], false),
        ("progress", "形象进度（%）", ["形象进度", "进度", "progress"], true),
        ("milestones", "已完成节点", ["节点", "milestones"], false),
        ("problem", "存在问题", ["问题", "problem"], false),
        ("help", "需协调事项", ["需协调解决事项", "help"], false),
        ("problemOwner", "问题责任单位", ["责任单位", "problem owner"], false),
        ("problemDue", "解决时限", ["问题解决时限", "problem due"], false),
    ]

    public typealias Row = ListSheet.Row

    public static func parse(_ data: Data, sheet: String? = nil) throws(ReportFileError) -> (format: ReportFile.Format, rows: [Row]) {
        try ListSheet.parse(data, sheet: sheet, columns: columns, anchors: ["code", "month"])
    }

    /// One resolved row: the report, and the problem it raises if any.
    public struct Resolved: Sendable {
        public var report: ProjectReport
        public var problem: ProjectProblem?
    }

    /// Resolves rows against the projects they report on. `previousYear` gives, per project, the
    /// year's investment of the latest report before a month (to fill 当年累计 when left blank).
    public static func resolve(
        _ rows: [Row], projects: [String: Project], units: [ReportingUnit], today: Day,
        previousYear: (String, Period) -> Double
    ) -> [(row: Row, resolved: Resolved?, problems: [RowProblem])] {
        let matcher = UnitMatcher(units)
        var seen: Set<String> = []
        return rows.map { row in
            var problems: [RowProblem] = []
            func problem(_ zh: String, _ en: String) { problems.append(RowProblem(line: row.line, indicatorKey: nil, message: en, messageZh: zh)) }
            let project = projects[row["code"]]
            if project == nil {
                problem("没有项目代码为「\(row["code"].prefix(40))」的入库项目", "No project in the library has the code “\(row["code"].prefix(40))”")
            } else if let project, !project.stage.reportsMonthly {
                problem("项目处于「\(project.stage.nameZh)」阶段，不需报送月度调度", "The project is \(project.stage.nameEn.lowercased()): it owes no monthly report")
            }
            var month = Period(row["month"].replacingOccurrences(of: "/", with: "-"))
            if let m = month, case .month = m.span {
                if Day(year: m.year, month: m.endMonth, day: 1) > today { problem("月份 \(m) 尚未到来", "The month \(m) has not come yet") }
            } else {
                problem("月份「\(row["month"])」应写成 2025-03", "Month “\(row["month"])” should be written 2025-03")
                month = nil
            }
            if let m = month, !seen.insert("\(row["code"]) \(m)").inserted { problem("同一项目同一月份出现两次", "The same project and month appear twice") }
            func number(_ key: String, _ zh: String, max: Double = 1e10) -> Double? {
                guard let v = ProjectFile.amount(row[key]), v <= max else {
                    problem(
                        "\(zh)「\(row[key])」应为 0 到 \(PlainNumber.format(max)) 之间的数",
                        "\(zh) “\(row[key])” is not a number from 0 to \(PlainNumber.format(max))")
                    return nil
                }
                return v
            }
            let monthly = number("investmentMonth", "本月完成投资")
            let toDate = number("investmentToDate", "累计完成投资")
            let progress = number("progress", "形象进度", max: 100)
            if let monthly, let toDate, monthly > toDate { problem("本月完成投资大于累计完成投资", "This month's investment exceeds the total to date") }
            if let toDate, let project, toDate > project.totalInvestment * 1.5 {
                problem(
                    "累计完成投资 \(PlainNumber.format(toDate)) 超过总投资 \(PlainNumber.format(project.totalInvestment)) 的 1.5 倍，请核实",
                    "Investment to date exceeds 1.5 × the total investment: check it")
            }
            var year: Double?
            if row["investmentYear"].isEmpty {
                if let monthly, let m = month { year = (m.endMonth == 1 ? 0 : previousYear(row["code"], m)) + monthly }
            } else {
                year = number("investmentYear", "当年累计完成投资")
                if let y = year, let monthly, y < monthly { problem("当年累计完成投资小于本月完成投资", "The year's investment is below this month's") }
            }
            var milestones: Set<ProjectMilestone> = []
            for part in UnitMatcher.split(row["milestones"]) {
                if let m = ProjectMilestone.find(part) {
                    milestones.insert(m)
                } else {
                    problem(
                        "节点「\(part)」无效，应为：\(ProjectMilestone.allCases.map(\.nameZh).joined(separator: "、"))",
                        "Milestone “\(part)” is not one of \(ProjectMilestone.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            }
            var raised: ProjectProblem?
            if !row["problem"].isEmpty, let project, let m = month {
                var owner = project.unitCode
                if !row["problemOwner"].isEmpty {
                    owner = ListSheet.units(row["problemOwner"], label: "问题责任单位", matcher: matcher, problem: problem).first ?? owner
                }
                var due = today.adding(days: 30)
                if !row["problemDue"].isEmpty {
                    if case .day(let d)? = DueText.read(row["problemDue"]) {
                        due = d
                    } else {
                        problem("无法识别解决时限「\(row["problemDue"])」", "Cannot read the due day “\(row["problemDue"])”")
                    }
                }
                raised = ProjectProblem(id: 0, code: project.code, month: m, text: row["problem"], help: row["help"], ownerUnit: owner, due: due)
            } else if row["problem"].isEmpty, !row["help"].isEmpty {
                problem("填写了需协调事项，请同时填写存在问题", "Help is asked for without a problem")
            }
            guard problems.isEmpty, let project, let month, let monthly, let toDate, let progress, let year else { return (row, nil, problems) }
            return (
                row,
                Resolved(
                    report: ProjectReport(
                        code: project.code, month: month, investmentMonth: monthly, investmentToDate: toDate, investmentYear: year,
                        progress: progress,
                        milestones: milestones),
                    problem: raised), []
            )
        }
    }

    public static let header = columns.prefix(7).map(\.zh) + ["状态"]

    static func cells(_ r: ProjectReport) -> [String] {
        [
            r.code, r.month.description, PlainNumber.format(r.investmentMonth), PlainNumber.format(r.investmentToDate),
            PlainNumber.format(r.investmentYear),
            PlainNumber.format(r.progress), r.milestoneText, r.status.nameZh,
        ]
    }

    public static func xlsx(_ reports: [ProjectReport]) throws -> Data {
        var rows: [[XLSXWriter.Cell]] = [header.map { .text($0) }]
        for r in reports {
            rows.append(cells(r).enumerated().map { i, c in (2...5).contains(i) ? .number(Double(c) ?? 0) : .text(c) })
        }
        return try XLSXWriter.workbook(sheetName: "月度调度", rows: rows)
    }

    public static func csv(_ reports: [ProjectReport]) -> Data {
        var text = header.map(ReportFile.csvField).joined(separator: ",") + "\r\n"
        for r in reports { text += cells(r).map(ReportFile.csvField).joined(separator: ",") + "\r\n" }
        return Data(text.utf8)
    }
}
