import Foundation
import PlanCore
import PlanFiles

/// The project registry as units exchange it (重大项目申报表): one row per project, CSV (UTF-8 or
/// GBK) or XLSX, the header possibly below a title row. The same layout is exported.
public enum ProjectFile {
    public static let columns: [ListSheet.Column] = [
        ("code", "项目代码", ["code", "project code", "项目编码"], true),
        ("name", "项目名称", ["name", "project"], true),
        ("owner", "项目单位", ["建设单位", "项目法人", "owner"], true),
        ("unit", "申报单位", ["填报单位", "unit"], false),
        ("county", "所在县（市、区）", ["所在县", "县区", "所在地区", "county"], false),
        ("sector", "所属领域", ["产业领域", "行业领域", "领域", "sector"], true),
        ("articles", "对应条款", ["条款", "articles"], false),
        ("targets", "服务目标", ["对应目标", "目标", "targets"], false),
        ("total", "总投资（万元）", ["总投资", "total investment"], true),
        ("annual", "年度计划投资（万元）", ["年度计划投资", "年度投资", "annual investment"], true),
        ("start", "计划开工", ["计划开工时间", "开工时间", "planned start"], true),
        ("completion", "计划竣工", ["计划竣工时间", "竣工时间", "planned completion"], true),
        ("tier", "申报类别", ["入库类别", "类别", "tier"], false),
        ("content", "建设内容及规模", ["建设内容", "scope"], true),
        ("location", "建设地点", ["地点", "location"], false),
        ("contact", "联系人及电话", ["联系人", "联系方式", "contact"], false),
    ]

    public typealias Row = ListSheet.Row

    public static func parse(_ data: Data, sheet: String? = nil) throws(ReportFileError) -> (format: ReportFile.Format, rows: [Row]) {
        try ListSheet.parse(data, sheet: sheet, columns: columns, anchors: ["code", "name"])
    }

    /// What resolving rows needs: the divisions, the units, the plan's articles and targets.
    public struct Context: Sendable {
        public var regions: [String: Region]
        public var units: [ReportingUnit]
        public var articleCount: Int
        public var targetIDs: Set<String>
        /// The window's year: the year the annual planned investment is for.
        public var year: Int
        /// The unit declaring when a row names none (a unit's own user).
        public var declaringUnit: String?

        public init(regions: [String: Region], units: [ReportingUnit], articleCount: Int, targetIDs: Set<String>, year: Int, declaringUnit: String?) {
            self.regions = regions
            self.units = units
            self.articleCount = articleCount
            self.targetIDs = targetIDs
            self.year = year
            self.declaringUnit = declaringUnit
        }
    }

    public static let maxText = 2000

    /// An amount in 万元: a plain number (commas allowed), not negative, below 10¹⁰.
    static func amount(_ text: String) -> Double? {
        let t = text.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "，", with: "").trimmingCharacters(in: .whitespaces)
        guard let v = Double(t), v.isFinite, v >= 0, v < 1e10 else { return nil }
        return v
    }

    /// Resolves rows into projects; a row with problems gives none and its problems instead.
    public static func projects(_ rows: [Row], context: Context) -> [(row: Row, project: Project?, problems: [RowProblem])] {
        let matcher = UnitMatcher(context.units)
        let unitsByCode = Dictionary(context.units.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let divisions = Set(context.regions.keys)
        var seen: Set<String> = []
        return rows.map { row in
            var problems: [RowProblem] = []
            func problem(_ zh: String, _ en: String) { problems.append(RowProblem(line: row.line, indicatorKey: nil, message: en, messageZh: zh)) }
            var code: ProjectCode?
            switch ProjectCode.check(row["code"], divisions: divisions) {
            case .success(let c):
                code = c
                if !seen.insert(c.description).inserted { problem("项目代码 \(c) 重复", "Code \(c) appears twice") }
            case .failure(let p): problem(p.zh, p.en)
            }
            for (key, zh, en) in [("name", "项目名称", "name"), ("owner", "项目单位", "owner"), ("content", "建设内容及规模", "scope")] {
                if row[key].isEmpty { problem("\(zh)为空", "The \(en) is empty") }
            }
            for column in columns where row[column.key].count > maxText {
                problem("\(column.zh)过长（上限 \(maxText) 字）", "\(column.zh) is too long (at most \(maxText) characters)")
            }
            // The county: given, or the division in the code.
            var county = code?.division
            if !row["county"].isEmpty {
                let name = row["county"]
                let found = context.regions.values.filter { $0.code == name || $0.nameZh == name || $0.nameEn == name }
                if found.count == 1 {
                    county = found[0].code
                } else {
                    problem("所在县「\(name)」不是山东省的县级区划", "County “\(name)” is not a county of Shandong")
                }
            }
            var city: String?
            if let county, let region = context.regions[county] {
                switch region.level {
                case .county: city = region.parentCode
                case .city: city = region.code
                case .province: city = nil
                }
            }
            // The declaring unit: named, or the user's own.
            var unit: String?
            if !row["unit"].isEmpty {
                unit = ListSheet.units(row["unit"], label: "申报单位", matcher: matcher, problem: problem).first
            } else if let own = context.declaringUnit {
                unit = own
            } else if let city {
                unit = city
            }
            if unit == nil, row["unit"].isEmpty { problem("请填写申报单位", "Name the declaring unit") }
            if let unit, let own = context.declaringUnit, unit != own {
                problem("只能申报本单位的项目（\(unitsByCode[own]?.nameZh ?? own)）", "A unit declares only its own projects (\(own))")
            }
            let sector = ProjectSector.find(row["sector"])
            if sector == nil {
                problem(
                    "所属领域「\(row["sector"])」无效，应为：\(ProjectSector.all.map(\.nameZh).joined(separator: "、"))",
                    "Sector “\(row["sector"])” is not one of the list")
            }
            var articles: [Int] = []
            for part in UnitMatcher.split(row["articles"]) {
                if let n = ListSheet.article(part, articleCount: context.articleCount, problem: problem), !articles.contains(n) { articles.append(n) }
            }
            var targets: [String] = []
            for part in UnitMatcher.split(row["targets"]) where !targets.contains(part) {
                if context.targetIDs.contains(part) {
                    targets.append(part)
                } else {
                    problem("服务目标「\(part)」不是规划目标编号", "Target “\(part)” is not a plan target")
                }
            }
            let total = amount(row["total"])
            if total == nil { problem("总投资「\(row["total"])」应为不小于 0 的数（万元）", "Total investment “\(row["total"])” is not an amount in 10k yuan") }
            let annual = amount(row["annual"])
            if annual == nil { problem("年度计划投资「\(row["annual"])」应为不小于 0 的数（万元）", "Annual investment “\(row["annual"])” is not an amount") }
            if let total, let annual, annual > total { problem("年度计划投资大于总投资", "The annual investment exceeds the total") }
            var start: Day?
            var completion: Day?
            for (key, zh, en) in [("start", "计划开工", "planned start"), ("completion", "计划竣工", "planned completion")] {
                if case .day(let d)? = DueText.read(row[key]) {
                    if key == "start" { start = d } else { completion = d }
                } else {
                    problem("无法识别\(zh)时间「\(row[key])」，请写成 2025-03-01 或 2025年3月", "Cannot read the \(en) “\(row[key])”: write 2025-03-01")
                }
            }
            if let start, let completion, completion < start { problem("计划竣工早于计划开工", "The planned completion is before the start") }
            var tier = ProjectStage.annual
            if !row["tier"].isEmpty {
                if let t = ProjectStage.tiers.first(where: {
                    $0.rawValue == row["tier"] || $0.nameZh == row["tier"] || $0.nameZh.hasPrefix(row["tier"])
                }) {
                    tier = t
                } else {
                    problem("申报类别「\(row["tier"])」应为 储备、三年滚动计划 或 年度计划", "Tier “\(row["tier"])” is reserve, rolling or annual")
                }
            }
            guard problems.isEmpty, let code, let county, let city, let unit, let sector, let total, let annual, let start, let completion else {
                if problems.isEmpty { problem("项目代码中的区划不属于任何市", "The code's division is in no city") }
                return (row, nil, problems)
            }
            return (
                row,
                Project(
                    code: code.description, name: row["name"], owner: row["owner"], unitCode: unit, countyCode: county, cityCode: city,
                    sector: sector.code, articles: articles, targetIDs: targets, totalInvestment: total,
                    annualInvestment: annual > 0 ? [context.year: annual] : [:], plannedStart: start, plannedCompletion: completion,
                    content: row["content"], location: row["location"], contact: row["contact"], stage: .declared, requestedStage: tier,
                    windowYear: context.year), []
            )
        }
    }

    /// The registry as rows in the import layout (the annual investment of `year`).
    public static func rows(_ projects: [Project], units: [String: ReportingUnit], regions: [String: Region], year: Int) -> [[String]] {
        projects.map { p in
            [
                p.code, p.name, p.owner, units[p.unitCode].map { $0.aliases.first ?? $0.nameZh } ?? p.unitCode,
                regions[p.countyCode]?.nameZh ?? p.countyCode,
                ProjectSector.byCode[p.sector]?.nameZh ?? p.sector, p.articles.map { "第\($0)条" }.joined(separator: "、"),
                p.targetIDs.joined(separator: "、"), PlainNumber.format(p.totalInvestment), PlainNumber.format(p.planned(in: year)),
                p.plannedStart.description, p.plannedCompletion.description, p.requestedStage.nameZh, p.content, p.location, p.contact,
            ]
        }
    }

    /// The header with the library's own columns after the import layout's.
    public static let exportHeader = columns.map(\.zh) + ["阶段", "版本"]

    public static func xlsx(_ projects: [Project], units: [String: ReportingUnit], regions: [String: Region], year: Int) throws -> Data {
        var rows: [[XLSXWriter.Cell]] = [exportHeader.map { .text($0) }]
        for (p, cells) in zip(projects, self.rows(projects, units: units, regions: regions, year: year)) {
            rows.append(
                cells.enumerated().map { i, c in (i == 8 || i == 9) ? .number(Double(c) ?? 0) : .text(c) } + [
                    .text(p.stage.nameZh), .number(Double(p.version)),
                ])
        }
        return try XLSXWriter.workbook(sheetName: "重大项目库", rows: rows)
    }

    public static func csv(_ projects: [Project], units: [String: ReportingUnit], regions: [String: Region], year: Int) -> Data {
        var text = exportHeader.map(ReportFile.csvField).joined(separator: ",") + "\r\n"
        for (p, cells) in zip(projects, rows(projects, units: units, regions: regions, year: year)) {
            text += (cells + [p.stage.nameZh, String(p.version)]).map(ReportFile.csvField).joined(separator: ",") + "\r\n"
        }
        return Data(text.utf8)
    }
}
