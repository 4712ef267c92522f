import Foundation
import PlanCore

/// A synthetic project library for benchmarks: projects spread over the counties and sectors, in
/// the registry's import layout, and a month of dispatch reports per file in the reports' layout.
/// Deterministic for a seed. Names and amounts are invented; codes have the national shape.
public enum SyntheticProjects {
    public static let registryHeader = [
        "项目代码", "项目名称", "项目单位", "申报单位", "所属领域", "对应条款", "总投资（万元）", "年度计划投资（万元）", "计划开工", "计划竣工",
        "申报类别", "建设内容及规模",
    ]
    public static let reportHeader = ["项目代码", "月份", "本月完成投资（万元）", "累计完成投资（万元）", "当年累计完成投资（万元）", "形象进度（%）", "已完成节点"]

    public struct Project: Sendable {
        public var code: String
        public var total: Double
        public var start: Day
        public var completion: Day
        /// How fast it is built against its schedule (0.5 lags, 1 on time).
        public var pace: Double
        public var row: [String]
    }

    /// `count` projects declared for `year`, each serving an article of chapters 2–8.
    public static func projects(plan: Plan, count: Int, year: Int, seed: UInt64) -> [Project] {
        var random = SeededGenerator(seed: seed)
        let counties = plan.regions.filter { $0.level == .county }
        let cities = Dictionary(plan.regions.filter { $0.level == .city }.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let sectors = ProjectSector.all
        let articles = plan.articles.filter { (2...8).contains($0.chapter) }.map(\.number)
        return (0..<count).map { i in
            let county = counties[Int.random(in: 0..<counties.count, using: &random)]
            let city = cities[county.parentCode ?? ""]
            let sector = sectors[Int.random(in: 0..<sectors.count, using: &random)]
            let total = Double(Int.random(in: 5...500, using: &random) * 1000)
            let start = Day(year: year - 1 + Int.random(in: 0...1, using: &random), month: Int.random(in: 1...12, using: &random), day: 1)
            let completion = Day(year: start.year + Int.random(in: 2...4, using: &random), month: Int.random(in: 1...12, using: &random), day: 28)
            let code = String(format: "%d-%@-%02d-01-%06d", year, county.code, Int.random(in: 10...99, using: &random), i + 1)
            let pace = [0.5, 0.8, 1.0, 1.0, 1.1][Int.random(in: 0..<5, using: &random)]
            let article = articles[Int.random(in: 0..<articles.count, using: &random)]
            return Project(
                code: code, total: total, start: start, completion: completion, pace: pace,
                row: [
                    code, "\(county.nameZh)\(sector.nameZh)项目\(i + 1)", "\(county.nameZh)建设投资有限公司\(i % 97 + 1)", city?.nameZh ?? "",
                    sector.nameZh, String(article), PlainNumber.format(total), PlainNumber.format((total / 3).rounded()), start.description,
                    completion.description, "年度计划", "示例建设内容\(i + 1)",
                ])
        }
    }

    /// One month's report rows for every project: investment spread evenly over the schedule at
    /// the project's pace, cumulative within the year and since the start.
    public static func reports(_ projects: [Project], month: Period) -> [[String]] {
        guard case .month(let m) = month.span else { return [] }
        let end = month.lastDay
        return projects.map { p in
            let span = Double(max(1, p.completion.ordinal - p.start.ordinal))
            func share(_ day: Day) -> Double { min(1, max(0, Double(day.ordinal - p.start.ordinal) / span * p.pace)) }
            let yearStart = Day(year: month.year, month: 1, day: 1).adding(days: -1)
            let previous = Day(year: month.year, month: m, day: 1).adding(days: -1)
            let toDate = (p.total * share(end)).rounded()
            let monthly = toDate - (p.total * share(previous)).rounded()
            let year = toDate - (p.total * share(yearStart)).rounded()
            let progress = (share(end) * 100 * 10).rounded() / 10
            let milestones = progress > 0 ? "用地手续、施工许可、开工" : ""
            return [
                p.code, month.description, PlainNumber.format(monthly), PlainNumber.format(toDate), PlainNumber.format(year),
                PlainNumber.format(progress), milestones,
            ]
        }
    }

    /// Rows as CSV (UTF-8), fields quoted where they need it.
    public static func csv(_ header: [String], _ rows: [[String]]) -> String {
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var text = header.map(field).joined(separator: ",") + "\n"
        for row in rows { text += row.map(field).joined(separator: ",") + "\n" }
        return text
    }
}
