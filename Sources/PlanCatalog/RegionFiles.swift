import Foundation
import PlanCore
import PlanFiles

/// `regions.csv` (administrative divisions) and `region-groups.yaml` (economic circles).
enum RegionFiles {
    static let regionsFile = "regions.csv"
    static let groupsFile = "region-groups.yaml"
    static let columns = ["code", "name_zh", "name_en", "level", "parent_code", "circle"]

    static func readRegions(_ text: String, log: ProblemLog) -> [Region] {
        let file = regionsFile
        guard let table = CSVTable.parse(text, file: file, required: columns, log: log) else { return [] }
        return table.rows.compactMap { row in
            let code = row["code"]
            func problem(_ field: String, _ message: String) {
                log.add(file: file, line: row.line, entry: code.isEmpty ? nil : code, field: field, message)
            }
            if code.count != 6 || !code.allSatisfy(\.isASCII) || Int(code) == nil {
                problem("code", "expected a 6-digit division code, found \"\(code)\"")
                return nil
            }
            guard let level = RegionLevel(rawValue: row["level"]) else {
                problem("level", "expected province, city or county, found \"\(row["level"])\"")
                return nil
            }
            if row["name_zh"].isEmpty { problem("name_zh", "is required") }
            if row["name_en"].isEmpty { problem("name_en", "is required") }
            let parent = row["parent_code"]
            if level != .province, parent.isEmpty { problem("parent_code", "is required below the province") }
            return Region(
                code: code, nameZh: row["name_zh"], nameEn: row["name_en"], level: level,
                parentCode: parent.isEmpty ? nil : parent, circle: row["circle"].isEmpty ? nil : row["circle"])
        }
    }

    static func readGroups(_ text: String, log: ProblemLog) -> [RegionGroup] {
        let file = groupsFile
        guard let root = parseYAML(text, file: file, log: log) else { return [] }
        guard let items = root.sequence else {
            log.add(file: file, "expected a list of region groups")
            return []
        }
        return items.compactMap { node in
            guard var e = YAMLEntry(node, file: file, what: "a region group", log: log) else { return nil }
            e.entry = e.optionalString("key")
            e.rejectUnknownFields(allowed: ["key", "name_zh", "name_en", "members"])
            guard let key = e.requiredString("key"), let zh = e.requiredString("name_zh"),
                let en = e.requiredString("name_en"), let members = e.stringList("members")
            else { return nil }
            return RegionGroup(key: key, nameZh: zh, nameEn: en, memberCodes: members)
        }
    }
}
