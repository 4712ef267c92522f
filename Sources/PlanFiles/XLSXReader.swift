import Foundation
import XMLCoder
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// One non-empty row of a sheet.
public struct XLSXRow: Sendable, Equatable {
    /// The 1-based row number in the sheet.
    public var number: Int
    /// The cell texts from column A up to the last non-empty cell; empty cells are `""`.
    public var cells: [String]

    public init(number: Int, cells: [String]) {
        self.number = number
        self.cells = cells
    }
}

/// Reads the cell texts of one sheet of an XLSX workbook uploaded by a user.
///
/// Numbers, booleans and error values come back as text: numbers exactly as written in the file
/// (`"12.5"`, `"1E-3"`), booleans as `"TRUE"`/`"FALSE"`, errors as written (`"#DIV/0!"`). Cells
/// with formulas and sheets with merged cells are refused, so that what is imported is what the
/// official sees.
///
/// The input is untrusted: the ZIP container is read from its central directory, declared sizes
/// are checked before anything is inflated, inflated bytes are counted against
/// ``Limits/maxUncompressedBytes`` as they come, and the sheet is bounded in rows, cells and
/// characters per cell (see ``Limits``).
///
/// XML: `workbook.xml` and the relationship parts are small and decoded with XMLCoder. Shared
/// strings and worksheets are streamed through Foundation's `XMLParser` over an `InputStream`:
/// XMLCoder builds the whole document tree first (about 50 times slower on a 10 000-row sheet),
/// and the `XMLParser(data:)` it relies on fails on documents over 10 MB on Linux.
public enum XLSXReader {
    /// Excel's last row number.
    static let maxSheetRows = 1_048_576

    /// Bounds on what a workbook may hold.
    public struct Limits: Sendable {
        /// The most bytes all entries together may inflate to.
        public var maxUncompressedBytes = 64 << 20
        /// The most entries the ZIP archive may hold.
        public var maxEntries = 2000
        /// The most characters one cell may hold.
        public var maxCellCharacters = 10_000
        /// The most non-empty rows the sheet may hold.
        public var maxRows = 1_000_000
        /// The most cells the returned rows may hold together, counting the `""` cells that fill
        /// each row up to its last value (a lone value in column XFD makes 16 384 cells).
        public var maxCells = 5_000_000
        /// The most bytes of text (UTF-8) the returned cells may hold together: cells that all
        /// repeat one long shared string would otherwise expand a small file many thousand-fold.
        public var maxTextBytes = 64 << 20

        public init() {}
    }

    /// The names of the workbook's sheets, in workbook order.
    public static func sheetNames(_ data: Data) throws(XLSXError) -> [String] {
        let zip = try ZipDirectory(data, limits: Limits())
        return try Workbook(zip).sheets.map(\.name)
    }

    /// The non-empty rows of one sheet.
    ///
    /// - Parameters:
    ///   - sheet: The sheet's name (an exact match is preferred, then one ignoring case); `nil`
    ///     reads the first sheet in workbook order.
    ///   - limits: Bounds on the workbook; exceeding one throws.
    public static func read(_ data: Data, sheet: String? = nil, limits: Limits = Limits()) throws(XLSXError) -> [XLSXRow] {
        let zip = try ZipDirectory(data, limits: limits)
        let workbook = try Workbook(zip)
        let chosen: Workbook.Sheet
        if let sheet {
            guard
                let found = workbook.sheets.first(where: { $0.name == sheet })
                    ?? workbook.sheets.first(where: { $0.name.caseInsensitiveCompare(sheet) == .orderedSame })
            else { throw XLSXError(.sheetNotFound(name: sheet, available: workbook.sheets.map(\.name))) }
            chosen = found
        } else {
            guard let first = workbook.sheets.first else {
                throw XLSXError(.malformedXML(part: workbook.path, detail: "the workbook lists no sheets"))
            }
            chosen = first
        }
        let sheetPath = try workbook.partPath(of: chosen)
        let strings = SharedStringsParser()
        if let path = try workbook.sharedStringsPath() {
            try stream(zip.read(path), part: path, into: strings)
        }
        let parser = SheetParser(part: sheetPath, sharedStrings: strings.strings, limits: limits)
        try stream(zip.read(sheetPath), part: sheetPath, into: parser)
        guard parser.merged.isEmpty else { throw XLSXError(.mergedCells(ranges: parser.merged)) }
        return parser.rows
    }
}
