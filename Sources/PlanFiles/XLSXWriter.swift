import Foundation
import ZIPFoundation

/// Writes a one-sheet XLSX workbook (for example a template to fill in) that Excel and
/// LibreOffice open without repair.
public enum XLSXWriter {
    /// A cell value.
    public enum Cell: Sendable, Equatable {
        /// Text, stored as an inline string; empty text leaves the cell empty.
        case text(String)
        /// A number; integral values are written without a fraction (`42`, not `42.0`).
        case number(Double)
    }

    /// Why a workbook could not be written.
    public enum WriteError: Error, Sendable, Equatable, CustomStringConvertible {
        /// Sheet names have 1 to 31 characters, none of `: \ / ? * [ ]`, and do not start or
        /// end with an apostrophe.
        case invalidSheetName(String)
        /// Infinity and NaN cannot be stored in a cell.
        case nonFiniteNumber(cell: String)
        /// A cell holds at most 32 767 characters.
        case textTooLong(cell: String)
        /// A sheet has at most 1 048 576 rows and 16 384 columns.
        case tooManyRowsOrColumns

        public var description: String {
            switch self {
            case .invalidSheetName(let name): "invalid sheet name “\(name)”"
            case .nonFiniteNumber(let cell): "cell \(cell) holds a non-finite number"
            case .textTooLong(let cell): "cell \(cell) holds more than 32767 characters"
            case .tooManyRowsOrColumns: "more than 1048576 rows or 16384 columns"
            }
        }
    }

    /// An XLSX file with one sheet named `sheetName` holding `rows` from cell A1 on.
    ///
    /// Row `i` of `rows` becomes sheet row `i + 1`, so empty rows keep their place.
    public static func workbook(sheetName: String, rows: [[Cell]]) throws -> Data {
        try validate(sheetName: sheetName)
        let parts: [(path: String, xml: String)] = [
            ("[Content_Types].xml", contentTypes),
            ("_rels/.rels", packageRelationships),
            ("xl/workbook.xml", workbookXML(sheetName: sheetName)),
            ("xl/_rels/workbook.xml.rels", workbookRelationships),
            ("xl/styles.xml", styles),
            ("xl/worksheets/sheet1.xml", try worksheet(rows)),
        ]
        let archive = try Archive(accessMode: .create)
        for part in parts {
            let bytes = Data((xmlDeclaration + part.xml).utf8)
            try archive.addEntry(
                with: part.path, type: .file, uncompressedSize: Int64(bytes.count),
                modificationDate: modificationDate, compressionMethod: .deflate,
                provider: { position, size in
                    bytes.subdata(in: Int(position)..<Int(position) + size)
                })
        }
        guard let data = archive.data else { throw Archive.ArchiveError.unwritableArchive }
        return data
    }

    /// A fixed entry date, so that the same rows always give the same bytes.
    private static let modificationDate = Date(timeIntervalSince1970: 1_577_836_800)  // 2020-01-01

    private static func validate(sheetName: String) throws {
        let forbidden = Set(":\\/?*[]")
        guard (1...31).contains(sheetName.utf16.count),
            !sheetName.contains(where: forbidden.contains),
            !sheetName.unicodeScalars.contains(where: { $0.value < 0x20 }),
            !sheetName.hasPrefix("'"), !sheetName.hasSuffix("'")
        else { throw WriteError.invalidSheetName(sheetName) }
    }

    private static func worksheet(_ rows: [[Cell]]) throws -> String {
        guard rows.count <= 1_048_576, rows.allSatisfy({ $0.count <= 16_384 }) else {
            throw WriteError.tooManyRowsOrColumns
        }
        var body = ""
        var lastRow = 0
        var lastColumn = 0
        for (rowIndex, row) in rows.enumerated() {
            var cells = ""
            for (columnIndex, cell) in row.enumerated() {
                let reference = XLSXReader.columnName(columnIndex) + String(rowIndex + 1)
                switch cell {
                case .text(let text):
                    guard !text.isEmpty else { continue }
                    guard text.utf16.count <= 32_767 else { throw WriteError.textTooLong(cell: reference) }
                    let space =
                        text.first?.isWhitespace == true || text.last?.isWhitespace == true
                        ? " xml:space=\"preserve\"" : ""
                    cells += "<c r=\"\(reference)\" t=\"inlineStr\"><is><t\(space)>\(escape(text))</t></is></c>"
                case .number(let value):
                    guard value.isFinite else { throw WriteError.nonFiniteNumber(cell: reference) }
                    cells += "<c r=\"\(reference)\"><v>\(format(value))</v></c>"
                }
                lastColumn = max(lastColumn, columnIndex)
            }
            guard !cells.isEmpty else { continue }
            body += "<row r=\"\(rowIndex + 1)\">\(cells)</row>"
            lastRow = rowIndex + 1
        }
        let dimension = lastRow == 0 ? "A1" : "A1:" + XLSXReader.columnName(lastColumn) + String(lastRow)
        return "<worksheet xmlns=\"\(mainNamespace)\"><dimension ref=\"\(dimension)\"/>"
            + "<sheetData>\(body)</sheetData></worksheet>"
    }

    /// The shortest text that reads back as `value`: `42`, `-3`, `12.5`, `1E-05`.
    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return "\(value)".uppercased()
    }

    /// Escapes text for XML content or attribute values. Characters XML cannot hold (control
    /// characters, and carriage returns, which XML turns into line feeds) become `_xHHHH_`, and
    /// a literal `_xHHHH_` has its underscore escaped as `_x005F_`, as Excel does.
    static func escape(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\t", "\n": result.unicodeScalars.append(scalar)
            case "_"
            where index + 6 < scalars.count && scalars[index + 1] == "x" && scalars[index + 6] == "_"
                && scalars[index + 2...index + 5].allSatisfy(\.properties.isASCIIHexDigit):
                result += "_x005F_"
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "_x" + String(repeating: "0", count: 4 - hex.count) + hex + "_"
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let relationshipTypes = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let xmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    private static let contentTypes = """
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/xl/workbook.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        <Override PartName="/xl/worksheets/sheet1.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
        <Override PartName="/xl/styles.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
        </Types>
        """

    private static let packageRelationships = """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="\(relationshipTypes)/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """

    private static func workbookXML(sheetName: String) -> String {
        """
        <workbook xmlns="\(mainNamespace)" xmlns:r="\(relationshipTypes)">\
        <sheets><sheet name="\(escape(sheetName))" sheetId="1" r:id="rId1"/></sheets></workbook>
        """
    }

    private static let workbookRelationships = """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="\(relationshipTypes)/worksheet" Target="worksheets/sheet1.xml"/>\
        <Relationship Id="rId2" Type="\(relationshipTypes)/styles" Target="styles.xml"/>\
        </Relationships>
        """

    /// The smallest stylesheet Excel accepts: one font, the two required fills, one border and
    /// the default cell format and style.
    private static let styles = """
        <styleSheet xmlns="\(mainNamespace)">\
        <fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill>\
        <fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """
}
