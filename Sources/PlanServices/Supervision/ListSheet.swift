import Foundation
import PlanCore
import PlanFiles

/// A list as offices exchange it (责任清单, 政策清单): CSV (UTF-8 or GBK) or XLSX, one row per item
/// under a header that may sit below a title row.
public enum ListSheet {
    /// Column key, Chinese header, other headers accepted (lower case), required.
    public typealias Column = (key: String, zh: String, others: [String], required: Bool)

    /// One row as written, before its names are resolved.
    public struct Row: Sendable, Hashable {
        public var line: Int
        public var cells: [String: String]

        public init(line: Int, cells: [String: String]) {
            self.line = line
            self.cells = cells
        }

        public subscript(_ key: String) -> String { cells[key] ?? "" }
    }

    /// Reads the rows of a file. The header is the first of the first ten lines that names every
    /// column of `anchors` (a title above it is skipped); blank rows are skipped.
    public static func parse(_ data: Data, sheet: String?, columns: [Column], anchors: [String]) throws(ReportFileError) -> (
        format: ReportFile.Format, rows: [Row]
    ) {
        let (format, records) = try ReportFile.records(data, sheet: sheet)
        var headerAt: Int?
        var index: [String: Int] = [:]
        for (r, record) in records.prefix(10).enumerated() {
            var found: [String: Int] = [:]
            for (i, cell) in record.cells.enumerated() {
                if let key = columnKey(cell, columns), found[key] == nil { found[key] = i }
            }
            if anchors.allSatisfy({ found[$0] != nil }) {
                headerAt = r
                index = found
                break
            }
        }
        guard let headerAt else {
            throw .missingColumns(
                missing: columns.filter(\.required).map(\.zh),
                found: (records.first?.cells ?? []).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.prefix(12).map {
                    $0.count > 40 ? String($0.prefix(40)) + "…" : $0
                })
        }
        let missing = columns.filter { $0.required && index[$0.key] == nil }
        guard missing.isEmpty else {
            throw .missingColumns(missing: missing.map(\.zh), found: records[headerAt].cells.filter { !$0.isEmpty })
        }
        var rows: [Row] = []
        for record in records.dropFirst(headerAt + 1) {
            guard record.cells.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else { continue }
            var cells: [String: String] = [:]
            for (key, i) in index where i < record.cells.count {
                cells[key] = SpreadsheetText.restored(record.cells[i].trimmingCharacters(in: .whitespacesAndNewlines))
            }
            rows.append(Row(line: record.line, cells: cells))
        }
        guard !rows.isEmpty else { throw .empty }
        return (format, rows)
    }

    static func columnKey(_ cell: String, _ columns: [Column]) -> String? {
        let text = cell.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: " ", with: "")
        let lower = text.lowercased()
        return columns.first { $0.zh == text || $0.key == lower || $0.others.contains(lower) }?.key
    }

    /// Resolves a cell of unit names (separated by 、 , ; / or line breaks) to unit codes, each once;
    /// an unknown or ambiguous name is a problem named after the column (`label`).
    static func units(_ cell: String, label: String, matcher: UnitMatcher, problem: (String, String) -> Void) -> [String] {
        var codes: [String] = []
        for name in UnitMatcher.split(cell) {
            switch matcher.match(name) {
            case .unit(let code): if !codes.contains(code) { codes.append(code) }
            case .unknown: problem("\(label)「\(name)」不是已登记的填报单位", "\(label) “\(name)” is not a registered reporting unit")
            case .ambiguous(let codes):
                problem(
                    "\(label)「\(name)」可指多个单位（\(codes.joined(separator: "、"))），请写上所属市，如「济南市\(name)」",
                    "\(label) “\(name)” names several units (\(codes.joined(separator: ", "))): add the city")
            }
        }
        return codes
    }

    /// The number of an article (12, 第12条, 第十二条) within the plan, or a problem.
    static func article(_ cell: String, articleCount: Int, problem: (String, String) -> Void) -> Int? {
        if let n = ArticleNumber.read(cell), (1...articleCount).contains(n) { return n }
        problem("对应条款「\(cell)」无效，应为第 1 至 \(articleCount) 条", "Article “\(cell)” is not 1 to \(articleCount)")
        return nil
    }
}
