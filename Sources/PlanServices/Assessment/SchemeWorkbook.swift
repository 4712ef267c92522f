import Foundation
import PlanCore
import PlanFiles

/// An assessment scheme as a workbook, the way offices pass tables around: settings as label and
/// value rows — 方案名称, 一票否决 (是/否), 超额奖励系数, 超额奖励上限, 报送质量分值, one 等次 row per
/// grade (等次 | 名称 | 最低分 | English name) and one 定性项目 row per item (定性项目 | 代码 | 名称 |
/// 满分), a 考核单位 row listing the units assessed (cities, then reporting units' codes) and one
/// 目标集 row per unit with its own target set (目标集 | 单位代码 | 目标编号…) — then a table headed 目标编号 | 分值, with optional columns 目标内容 (ignored), 节点值（YYYY）
/// for official milestones, and one column per city (its name or code) for the cities' own values
/// of a level. It is read into the scheme's YAML, the form schemes are stored and checked in, and
/// written from a scheme as the template to edit.
public enum SchemeWorkbook {
    /// The scheme's YAML from a workbook; every problem found at once (422).
    public static func yaml(_ data: Data, plan: Plan) throws -> String {
        let rows: [XLSXRow]
        do {
            rows = try XLSXReader.read(data)
        } catch {
            throw ServiceError.invalid(zh: "无法读取 XLSX 文件：\(error)", en: "Cannot read the XLSX file: \(error)")
        }
        var problems: [RowProblem] = []
        func problem(_ line: Int, _ zh: String, _ en: String) {
            problems.append(RowProblem(line: line, indicatorKey: nil, message: en, messageZh: zh))
        }
        var name = ""
        var veto = true
        var rate: Double?
        var cap: Double?
        var diligence: Double?
        var grades: [(zh: String, en: String, minimum: Double)] = []
        var items: [(id: String, name: String, maximum: Double)] = []
        var assessed: [String] = []
        var sets: [(unit: String, targets: [String])] = []
        var header: XLSXRow?
        var table: [XLSXRow] = []
        for row in rows {
            let cells = row.cells.map { $0.trimmingCharacters(in: .whitespaces) }
            guard let first = cells.first, !first.isEmpty || header != nil else { continue }
            if header != nil {
                if cells.contains(where: { !$0.isEmpty }) { table.append(row) }
                continue
            }
            func value(_ i: Int) -> String { i < cells.count ? cells[i] : "" }
            func number(_ i: Int, _ label: String) -> Double? {
                if let x = Double(value(i)), x.isFinite { return x }
                problem(row.number, "「\(label)」须为数字，而不是「\(value(i))」", "“\(label)” must be a number, not “\(value(i))”")
                return nil
            }
            switch first {
            case "方案名称": name = value(1)
            case "一票否决":
                switch value(1).lowercased() {
                case "是", "启用", "yes", "true", "1": veto = true
                case "否", "不启用", "no", "false", "0": veto = false
                default: problem(row.number, "「一票否决」须为 是 或 否", "“一票否决” must be 是 or 否")
                }
            case "超额奖励系数": rate = number(1, first)
            case "超额奖励上限": cap = number(1, first)
            case "报送质量分值": diligence = value(1).isEmpty ? nil : number(1, first)
            case "等次": if let m = number(2, "等次最低分") { grades.append((value(1), value(3).isEmpty ? value(1) : value(3), m)) }
            case "定性项目": if let m = number(3, "定性项目满分") { items.append((value(1), value(2), m)) }
            case "考核单位": assessed = cells.dropFirst().filter { !$0.isEmpty }
            case "目标集": sets.append((value(1), cells.dropFirst(2).filter { !$0.isEmpty }))
            case "目标编号": header = row
            default: problem(row.number, "无法识别的行「\(first)」", "A row the scheme does not know: “\(first)”")
            }
        }
        guard let header else {
            throw ServiceError.invalid(
                zh: "没有找到以「目标编号」开头的目标表", en: "No table headed “目标编号”",
                problems: problems + [RowProblem(line: 0, indicatorKey: nil, message: "No table headed “目标编号”", messageZh: "没有找到以「目标编号」开头的目标表")])
        }
        // The table's columns: milestones by year, cities by name or code; 目标内容 is for people.
        enum Column {
            case target, points, ignored
            case milestone(Int)
            case unit(String)
        }
        let regions = plan.regions.filter { $0.level != .county }
        let columns: [Column] = header.cells.enumerated().map { i, raw in
            let text = raw.trimmingCharacters(in: .whitespaces)
            if i == 0 { return .target }
            if text == "分值" { return .points }
            if text.isEmpty || text == "目标内容" || text == "备注" { return .ignored }
            if text.contains("节点值"), let year = Int(text.filter(\.isNumber).prefix(4)), (2000...2100).contains(year) { return .milestone(year) }
            if let region = regions.first(where: { $0.code == text || $0.nameZh == text || $0.nameZh == text + "市" }) { return .unit(region.code) }
            problem(header.number, "无法识别的列「\(text)」", "A column the scheme does not know: “\(text)”")
            return .ignored
        }
        if !columns.contains(where: { if case .points = $0 { true } else { false } }) {
            problem(header.number, "目标表缺少「分值」列", "The table has no “分值” column")
        }
        var lines: [String] = []
        for row in table {
            let cells = row.cells.map { $0.trimmingCharacters(in: .whitespaces) }
            var target = ""
            var points = ""
            var milestones: [String] = []
            var units: [String] = []
            for (i, cell) in cells.enumerated() where i < columns.count && !cell.isEmpty {
                switch columns[i] {
                case .target: target = cell
                case .points: points = cell
                case .ignored: break
                case .milestone(let year):
                    guard let x = Double(cell), x.isFinite else {
                        problem(row.number, "节点值「\(cell)」不是数字", "The milestone “\(cell)” is not a number")
                        continue
                    }
                    milestones.append("\(year): \(PlainNumber.format(x))")
                case .unit(let code):
                    guard let x = Double(cell), x.isFinite else {
                        problem(row.number, "\(code) 的目标值「\(cell)」不是数字", "The value “\(cell)” for \(code) is not a number")
                        continue
                    }
                    units.append("\"\(code)\": \(PlainNumber.format(x))")
                }
            }
            guard !target.isEmpty else {
                problem(row.number, "目标编号为空", "The target id is empty")
                continue
            }
            guard let p = Double(points), p.isFinite else {
                problem(row.number, "目标 \(target) 的分值「\(points)」不是数字", "The points of \(target), “\(points)”, are not a number")
                continue
            }
            var line = "  - {target: \(quoted(target)), points: \(PlainNumber.format(p))"
            if !milestones.isEmpty { line += ", milestones: {\(milestones.joined(separator: ", "))}" }
            if !units.isEmpty { line += ", units: {\(units.joined(separator: ", "))}" }
            lines.append(line + "}")
        }
        guard problems.isEmpty else {
            throw ServiceError.invalid(
                zh: "考核方案表有 \(problems.count) 处问题，未保存", en: "The scheme's workbook has \(problems.count) problems; nothing was saved",
                problems: problems)
        }
        var yaml = ["# Imported from a workbook.", "name: \(quoted(name))"]
        if !grades.isEmpty {
            yaml.append("grades:")
            yaml += grades.map { "  - {name: \(quoted($0.zh)), name_en: \(quoted($0.en)), min: \(PlainNumber.format($0.minimum))}" }
        }
        yaml.append("veto: \(veto)")
        if rate != nil || cap != nil {
            yaml.append("bonus: {rate: \(PlainNumber.format(rate ?? 0.3)), cap: \(PlainNumber.format(cap ?? 0.3))}")
        }
        if !items.isEmpty {
            yaml.append("qualitative_items:")
            yaml += items.map { "  - {id: \(quoted($0.id)), name: \(quoted($0.name)), max: \(PlainNumber.format($0.maximum))}" }
        }
        if let diligence { yaml.append("diligence: {points: \(PlainNumber.format(diligence))}") }
        if !assessed.isEmpty { yaml.append("assessed: [\(assessed.map(quoted).joined(separator: ", "))]") }
        if !sets.isEmpty {
            yaml.append("unit_targets:")
            yaml += sets.map { "  \(quoted($0.unit)): [\($0.targets.map(quoted).joined(separator: ", "))]" }
        }
        yaml.append("targets:")
        return (yaml + lines).joined(separator: "\n") + "\n"
    }

    /// A YAML string in double quotes (JSON's escaping, which YAML reads).
    static func quoted(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// The scheme as a workbook to edit and import again, with a column for each city.
    public static func xlsx(_ scheme: AssessmentScheme, plan: Plan) throws -> Data {
        typealias Cell = XLSXWriter.Cell
        var rows: [[Cell]] = [
            [.text("方案名称"), .text(scheme.name)], [.text("一票否决"), .text(scheme.veto ? "是" : "否")],
            [.text("超额奖励系数"), .number(scheme.bonusRate)], [.text("超额奖励上限"), .number(scheme.bonusCap)],
        ]
        if let d = scheme.diligencePoints { rows.append([.text("报送质量分值"), .number(d)]) }
        rows += scheme.grades.map { [.text("等次"), .text($0.nameZh), .number($0.minimum), .text($0.nameEn)] }
        rows += scheme.qualitativeItems.map { [.text("定性项目"), .text($0.id), .text($0.name), .number($0.maximum)] }
        if scheme.assessed != ["cities"] { rows.append([.text("考核单位")] + scheme.assessed.map { .text($0) }) }
        rows += scheme.unitItems.sorted { $0.key < $1.key }.map { [.text("目标集"), .text($0.key)] + $0.value.map { .text($0) } }
        rows.append([])
        let years = Array(Set(scheme.items.flatMap(\.milestones.keys))).sorted()
        let cities = plan.regions.filter { $0.level == .city }
        rows.append(
            [.text("目标编号"), .text("目标内容"), .text("分值")] + years.map { .text("节点值（\($0)）") } + cities.map { .text($0.nameZh) })
        let quotes = Dictionary(plan.targets.map { ($0.id, $0.quote) }, uniquingKeysWith: { a, _ in a })
        for item in scheme.items {
            rows.append(
                [.text(item.targetID), .text(String((quotes[item.targetID] ?? "").prefix(60))), .number(item.points)]
                    + years.map { item.milestones[$0].map(Cell.number) ?? .text("") }
                    + cities.map { item.unitValues[$0.code].map(Cell.number) ?? .text("") })
        }
        return try XLSXWriter.workbook(sheetName: "考核方案", rows: rows)
    }
}
