import Foundation
import PlanCore
import PlanFiles

/// Why an uploaded or imported file of figures cannot be read at all.
public enum ReportFileError: Error, Sendable, Equatable {
    case empty
    case noValues
    case unreadable
    case xlsx(XLSXError)
    case missingColumns(missing: [String], found: [String])
    case cellTooLong(line: Int, length: Int)
    case tooManyRows(limit: Int)

    public var zh: String {
        switch self {
        case .empty: "文件为空，或只有表头"
        case .noValues: "文件中没有填写任何数值（数值列为空的行不导入）"
        case .unreadable: "无法读取文件：既不是 XLSX，也不是 UTF-8 或 GBK 编码的 CSV 文本。请在 Excel 中另存为“CSV UTF-8”或 XLSX 后重试"
        case .xlsx(let e): e.zh
        case .missingColumns(let missing, let found):
            "缺少必需的列：\(missing.joined(separator: "、"))。文件中的列：\(found.isEmpty ? "（无）" : found.joined(separator: "、"))。请使用下载的模板"
        case .cellTooLong(let line, let length): "第 \(line) 行有单元格过长（\(length) 字，上限 \(ReportFile.maxCellLength) 字）"
        case .tooManyRows(let limit): "行数超过上限 \(limit) 行，请分批导入"
        }
    }

    public var en: String {
        switch self {
        case .empty: "The file is empty or has only a header"
        case .noValues: "No row has a value (rows with an empty value are not imported)"
        case .unreadable:
            "Cannot read the file: it is neither XLSX nor CSV text in UTF-8 or GBK. Save it from Excel as “CSV UTF-8” or XLSX and try again"
        case .xlsx(let e): e.en
        case .missingColumns(let missing, let found):
            "Required columns missing: \(missing.joined(separator: ", ")). Columns in the file: \(found.isEmpty ? "(none)" : found.joined(separator: ", ")). Use the downloadable template"
        case .cellTooLong(let line, let length): "Line \(line) has a cell too long (\(length) characters, at most \(ReportFile.maxCellLength))"
        case .tooManyRows(let limit): "More than \(limit) rows: import in parts"
        }
    }
}

/// Files of reported figures: CSV (UTF-8 or GBK/GB18030, detected) or XLSX (first sheet or a
/// named one), with the columns of the template. Each header cell may be the column's key
/// (`indicator_key`), its Chinese name (`指标代码`) or both (`指标代码(indicator_key)`).
public enum ReportFile {
    /// The columns in template order: key, Chinese name, English name, required.
    public static let columns: [(key: String, zh: String, en: String, required: Bool)] = [
        ("indicator_key", "指标代码", "indicator key", true),
        ("indicator_name", "指标名称", "indicator name", false),
        ("period", "期别", "period", true),
        ("value", "数值", "value", true),
        ("unit", "计量单位", "unit of measure", false),
        ("comment", "备注", "comment", false),
        ("explanation", "说明", "explanation", false),
    ]
    public static let maxCellLength = 10_000
    public static let maxRows = 200_000

    /// The records of a table file (CSV in UTF-8 or GBK, or XLSX), each with its line number,
    /// within the limits on rows and cell lengths.
    public static func records(_ data: Data, sheet: String? = nil) throws(ReportFileError) -> (
        format: Format, records: [(line: Int, cells: [String])]
    ) {
        guard !data.isEmpty else { throw .empty }
        var records: [(line: Int, cells: [String])] = []
        let format: Format
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || data.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            do {
                records = try XLSXReader.read(data, sheet: sheet).map { ($0.number, $0.cells) }
            } catch {
                throw .xlsx(error)
            }
            format = .xlsx
        } else {
            guard let (text, encoding) = TextDecoding.decode(data) else { throw .unreadable }
            format = encoding == .utf8 ? .csvUTF8 : .csvGBK
            var tooLong: (Int, Int)?
            var count = 0
            CSVTable.scan(text) { line, fields in
                count += 1
                guard tooLong == nil, count <= maxRows + 1 else { return }
                if let long = fields.first(where: { $0.count > maxCellLength }) { tooLong = (line, long.count) }
                records.append((line, fields))
            }
            if let (line, length) = tooLong { throw .cellTooLong(line: line, length: length) }
            if count > maxRows + 1 { throw .tooManyRows(limit: maxRows) }
        }
        guard !records.isEmpty else { throw .empty }
        if let long = records.lazy.flatMap({ r in r.cells.map { (r.line, $0) } }).first(where: { $0.1.count > maxCellLength }) {
            throw .cellTooLong(line: long.0, length: long.1.count)
        }
        guard records.count - 1 <= maxRows else { throw .tooManyRows(limit: maxRows) }
        return (format, records)
    }

    /// How a file was read.
    public enum Format: String, Sendable {
        case csvUTF8 = "CSV (UTF-8)"
        case csvGBK = "CSV (GBK/GB18030)"
        case xlsx = "XLSX"
    }

    /// Reads the rows of a file; blank rows, and rows with an empty value (a template's indicators
    /// not filled in), are skipped. Line numbers are the file's (the header is line 1).
    public static func parse(_ data: Data, sheet: String? = nil) throws(ReportFileError) -> (format: Format, rows: [ReportRow]) {
        let (format, records) = try records(data, sheet: sheet)
        guard let header = records.first else { throw .empty }
        var index: [String: Int] = [:]
        for (i, cell) in header.cells.enumerated() {
            if let key = columnKey(cell), index[key] == nil { index[key] = i }
        }
        let missing = columns.filter { $0.required && index[$0.key] == nil }
        guard missing.isEmpty else {
            throw .missingColumns(
                missing: missing.map { "\($0.zh)(\($0.key))" },
                found: header.cells.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.prefix(12)
                    .map { $0.count > 40 ? String($0.prefix(40)) + "…" : $0 })
        }
        func cell(_ cells: [String], _ key: String) -> String {
            guard let i = index[key], i < cells.count else { return "" }
            return cells[i].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let rows = records.dropFirst().compactMap { record -> ReportRow? in
            guard record.cells.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else { return nil }
            return ReportRow(
                line: record.line, indicatorKey: cell(record.cells, "indicator_key"), period: cell(record.cells, "period"),
                value: cell(record.cells, "value"), unit: cell(record.cells, "unit"),
                comment: SpreadsheetText.restored(cell(record.cells, "comment")),
                explanation: SpreadsheetText.restored(cell(record.cells, "explanation")))
        }
        guard !rows.isEmpty else { throw .empty }
        let filled = rows.filter { !$0.value.isEmpty }
        guard !filled.isEmpty else { throw .noValues }
        return (format, filled)
    }

    /// The column key a header cell names, if any.
    static func columnKey(_ cell: String) -> String? {
        var text = cell.trimmingCharacters(in: .whitespaces)
        for (open, close) in [("(", ")"), ("（", "）")] {
            if let a = text.range(of: open), let b = text.range(of: close, range: a.upperBound..<text.endIndex) {
                let inner = String(text[a.upperBound..<b.lowerBound]).trimmingCharacters(in: .whitespaces)
                if columns.contains(where: { $0.key == inner.lowercased() }) { return inner.lowercased() }
                text = String(text[..<a.lowerBound]).trimmingCharacters(in: .whitespaces)
            }
        }
        let lower = text.lowercased()
        return columns.first { $0.key == lower || $0.zh == text || $0.en == lower }?.key
    }

    /// The header row of the template: `指标代码(indicator_key)`, ….
    public static var templateHeader: [String] { columns.map { "\($0.zh)(\($0.key))" } }

    /// One template line per due indicator and period, with the indicator's name and unit and
    /// the value filled in when one is known.
    public struct TemplateLine: Sendable {
        public var indicator: Indicator
        public var period: Period
        public var value: Double?
        public var comment: String

        public init(indicator: Indicator, period: Period, value: Double? = nil, comment: String = "") {
            self.indicator = indicator
            self.period = period
            self.value = value
            self.comment = comment
        }
    }

    /// The template as CSV in UTF-8 with a byte-order mark (so Excel opens the Chinese text).
    public static func templateCSV(_ lines: [TemplateLine]) -> Data {
        var text = "\u{FEFF}" + templateHeader.map(csvField).joined(separator: ",") + "\r\n"
        for line in lines {
            // Text typed by people is neutralized; the value is a plain decimal (a negative growth
            // rate must stay a number).
            let cells = [
                line.indicator.key, SpreadsheetText.neutralized(line.indicator.nameZh), line.period.description,
                line.value.map { PlainNumber.exact($0) } ?? "", SpreadsheetText.neutralized(line.indicator.unit),
                SpreadsheetText.neutralized(line.comment), "",
            ]
            text += cells.map(csvField).joined(separator: ",") + "\r\n"
        }
        return Data(text.utf8)
    }

    /// The template as an XLSX workbook (one sheet, 填报).
    public static func templateXLSX(_ lines: [TemplateLine]) throws -> Data {
        var rows: [[XLSXWriter.Cell]] = [templateHeader.map { .text($0) }]
        for line in lines {
            rows.append([
                .text(line.indicator.key), .text(line.indicator.nameZh), .text(line.period.description),
                line.value.map { .number($0) } ?? .text(""), .text(line.indicator.unit), .text(line.comment), .text(""),
            ])
        }
        return try XLSXWriter.workbook(sheetName: "填报", rows: rows)
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
