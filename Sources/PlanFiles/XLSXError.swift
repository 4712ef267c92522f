import Foundation

/// Why an uploaded XLSX workbook could not be read, with a message for the official who
/// uploaded it in Chinese (`zh`) and English (`en`).
public struct XLSXError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The bytes are not a ZIP archive (for example a CSV file or a legacy `.xls`).
        case notZip
        /// The ZIP archive is cut short or damaged.
        case truncated
        /// The unzipped parts (or the decoded table) would exceed the byte limit.
        case tooLarge(limitBytes: Int)
        /// The archive holds more entries than allowed; the value is the limit.
        case tooManyEntries(Int)
        /// A part the workbook needs is absent from the archive.
        case missingPart(String)
        /// No sheet has the requested name.
        case sheetNotFound(name: String, available: [String])
        /// A part is not well-formed XML or does not have the expected structure.
        case malformedXML(part: String, detail: String)
        /// A cell holds a formula, e.g. `cell: "B3"`.
        case formula(cell: String)
        /// The sheet has merged cells, e.g. `ranges: ["A1:C1"]`.
        case mergedCells(ranges: [String])
        /// A cell's text has more characters than allowed.
        case cellTooLong(cell: String, length: Int, limit: Int)
        /// The sheet has more non-empty rows than allowed.
        case tooManyRows(limit: Int)
        /// The table would have more cells than allowed, counting the empty cells that fill
        /// each row up to its last value.
        case tooManyCells(limit: Int)
        /// The cells' text together is longer than the limit (bytes of UTF-8).
        case tooMuchText(limit: Int)
    }

    public var kind: Kind

    public init(_ kind: Kind) {
        self.kind = kind
    }

    /// The message in Chinese.
    public var zh: String {
        switch kind {
        case .notZip:
            return "不是有效的 XLSX 文件（不是 ZIP 格式）"
        case .truncated:
            return "XLSX 文件不完整或已损坏；请在 Excel 中重新保存后再导入"
        case .tooLarge(let limit):
            return "文件解压后超过 \(Self.size(limit, unit: "字节")) 上限（可能是压缩炸弹），已拒绝"
        case .tooManyEntries(let limit):
            return "XLSX 文件内部条目超过 \(limit) 个上限，已拒绝"
        case .missingPart(let part):
            return "XLSX 文件缺少必需的部件 \(part)，可能已损坏"
        case .sheetNotFound(let name, let available):
            let list = available.isEmpty ? "工作簿中没有工作表" : "现有工作表：\(available.joined(separator: "、"))"
            return "找不到名为“\(name)”的工作表；\(list)"
        case .malformedXML(let part, let detail):
            return "XLSX 文件中 \(part) 的内容格式错误（\(detail)）"
        case .formula(let cell):
            return "单元格 \(cell) 含公式；请将公式粘贴为数值后再导入"
        case .mergedCells(let ranges):
            return "工作表含合并单元格（\(Self.summary(ranges, separator: "、"))）；请取消合并后再导入"
        case .cellTooLong(let cell, let length, let limit):
            return "单元格 \(cell) 有 \(length) 个字符，超过 \(limit) 个字符的上限"
        case .tooManyRows(let limit):
            return "工作表超过 \(limit) 行的上限"
        case .tooManyCells(let limit):
            return "工作表的单元格（含行内空白单元格）超过 \(limit) 个的上限"
        case .tooMuchText(let limit):
            return "工作表的文字合计超过 \(limit / 1_048_576) MB 的上限"
        }
    }

    /// The message in English.
    public var en: String {
        switch kind {
        case .notZip:
            return "Not a valid XLSX file (not in ZIP format)"
        case .truncated:
            return "The XLSX file is incomplete or damaged; save it again in Excel and re-import it"
        case .tooLarge(let limit):
            return "The file exceeds the \(Self.size(limit, unit: "bytes")) limit once unzipped (possibly a zip bomb) and was rejected"
        case .tooManyEntries(let limit):
            return "The XLSX file holds more than \(limit) internal entries and was rejected"
        case .missingPart(let part):
            return "The XLSX file lacks the required part \(part); it may be damaged"
        case .sheetNotFound(let name, let available):
            let list = available.isEmpty ? "the workbook has no sheets" : "the sheets are \(available.joined(separator: ", "))"
            return "No sheet is named “\(name)”; \(list)"
        case .malformedXML(let part, let detail):
            return "The XLSX part \(part) is malformed (\(detail))"
        case .formula(let cell):
            return "Cell \(cell) holds a formula; paste it as values before importing"
        case .mergedCells(let ranges):
            return "The sheet has merged cells (\(Self.summary(ranges, separator: ", "))); unmerge them before importing"
        case .cellTooLong(let cell, let length, let limit):
            return "Cell \(cell) holds \(length) characters, more than the limit of \(limit)"
        case .tooManyRows(let limit):
            return "The sheet has more than \(limit) rows"
        case .tooManyCells(let limit):
            return "The sheet has more than \(limit) cells (counting empty cells within rows)"
        case .tooMuchText(let limit):
            return "The sheet's cells hold more than \(limit / 1_048_576) MB of text together"
        }
    }

    public var description: String { en }

    /// `64 MB` for whole mebibytes, otherwise the byte count.
    private static func size(_ bytes: Int, unit: String) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MB" : "\(bytes) \(unit)"
    }

    /// The first few ranges, then `…` when there are more.
    private static func summary(_ ranges: [String], separator: String) -> String {
        let shown = ranges.prefix(5).joined(separator: separator)
        return ranges.count > 5 ? shown + " …" : shown
    }
}
