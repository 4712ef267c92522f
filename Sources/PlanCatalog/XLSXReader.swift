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
            guard let found = workbook.sheets.first(where: { $0.name == sheet })
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

// MARK: - ZIP container

extension XLSXReader {
    /// The entries of a ZIP archive, read from its central directory, and a budget of bytes that
    /// may still be inflated.
    ///
    /// Entries are inflated with ZIPFoundation's `Data.decompress` from a provider that serves only
    /// the entry's own compressed bytes: on Linux, ZIPFoundation 0.9.20's inflate loop never ends
    /// when its input runs dry before the deflate stream does (weichsel/ZIPFoundation#389), which
    /// `Archive.extract` lets a damaged or hostile archive trigger.
    private final class ZipDirectory {
        struct Entry {
            var flags: UInt16
            var method: UInt16
            var crc32: UInt32
            var compressedSize: Int
            var uncompressedSize: Int
            var headerOffset: Int
        }

        private let data: Data
        private let limit: Int
        private var spent = 0
        /// Entries by lowercased path (part names are case-insensitive); the first of duplicates.
        private var entries: [String: Entry] = [:]

        init(_ data: Data, limits: Limits) throws(XLSXError) {
            self.data = data
            self.limit = limits.maxUncompressedBytes
            let localHeader: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
            let damaged = XLSXError(data.starts(with: localHeader) ? .truncated : .notZip)
            guard let end = findEndOfCentralDirectory() else { throw damaged }

            guard var count = uint(end + 10, 2), var offset = uint(end + 16, 4) else { throw damaged }
            if count == 0xFFFF || offset == 0xFFFF_FFFF {
                // ZIP64: a locator just before the end record points at the ZIP64 end record.
                guard end >= 20, uint(end - 20, 4) == 0x0706_4B50,
                      let record = uint(end - 12, 8).flatMap({ Int(exactly: $0) }),
                      uint(record, 4) == 0x0606_4B50,
                      let count64 = uint(record + 32, 8), let offset64 = uint(record + 48, 8)
                else { throw XLSXError(.truncated) }
                (count, offset) = (count64, offset64)
            }
            guard count <= UInt64(limits.maxEntries) else { throw XLSXError(.tooManyEntries(limits.maxEntries)) }
            guard var position = Int(exactly: offset) else { throw XLSXError(.truncated) }

            var declared = 0
            for _ in 0..<Int(count) {
                guard uint(position, 4) == 0x0201_4B50,
                      let flags = uint(position + 8, 2), let method = uint(position + 10, 2),
                      let crc = uint(position + 16, 4),
                      var compressed = uint(position + 20, 4), var uncompressed = uint(position + 24, 4),
                      let nameLength = uint(position + 28, 2).map(Int.init),
                      let extraLength = uint(position + 30, 2).map(Int.init),
                      let commentLength = uint(position + 32, 2).map(Int.init),
                      var headerOffset = uint(position + 42, 4),
                      let name = bytes(position + 46, nameLength)
                else { throw XLSXError(.truncated) }
                if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || headerOffset == 0xFFFF_FFFF {
                    // The ZIP64 extra field holds, in this order, the fields saturated above.
                    guard var field = zip64Field(at: position + 46 + nameLength, length: extraLength)
                    else { throw XLSXError(.truncated) }
                    func widen(_ value: inout UInt64) throws(XLSXError) {
                        guard value == 0xFFFF_FFFF else { return }
                        guard let wide = uint(field, 8) else { throw XLSXError(.truncated) }
                        value = wide
                        field += 8
                    }
                    try widen(&uncompressed)
                    try widen(&compressed)
                    try widen(&headerOffset)
                }
                guard uncompressed <= UInt64(limit), declared + Int(uncompressed) <= limit else {
                    throw XLSXError(.tooLarge(limitBytes: limit))
                }
                declared += Int(uncompressed)
                guard let compressedSize = Int(exactly: compressed), let offset = Int(exactly: headerOffset)
                else { throw XLSXError(.truncated) }
                let path = String(decoding: name, as: UTF8.self).lowercased()
                if entries[path] == nil {
                    entries[path] = Entry(
                        flags: UInt16(flags), method: UInt16(method), crc32: UInt32(crc),
                        compressedSize: compressedSize, uncompressedSize: Int(uncompressed), headerOffset: offset)
                }
                position += 46 + nameLength + extraLength + commentLength
            }
        }

        /// Whether the archive holds the part at `path` (no leading slash).
        func contains(_ path: String) -> Bool {
            entries[path.lowercased()] != nil
        }

        /// The inflated bytes of the part at `path`, charged against the byte budget.
        func read(_ path: String) throws(XLSXError) -> Data {
            guard let entry = entries[path.lowercased()] else { throw XLSXError(.missingPart(path)) }
            let header = entry.headerOffset
            guard entry.flags & 1 == 0,  // encrypted
                  uint(header, 4) == 0x0403_4B50,
                  let nameLength = uint(header + 26, 2), let extraLength = uint(header + 28, 2)
            else { throw XLSXError(.truncated) }
            let start = header + 30 + Int(nameLength) + Int(extraLength)
            let (end, overflow) = start.addingReportingOverflow(entry.compressedSize)
            guard !overflow, end <= data.count else { throw XLSXError(.truncated) }

            let output: Data
            let checksum: CRC32
            switch entry.method {
            case 0:
                guard entry.compressedSize <= limit - spent else { throw XLSXError(.tooLarge(limitBytes: limit)) }
                spent += entry.compressedSize
                output = data.subdata(in: data.startIndex + start..<data.startIndex + end)
                checksum = output.crc32(checksum: 0)
            case 8:
                (output, checksum) = try inflate(start..<end)
            default:
                throw XLSXError(.truncated)
            }
            guard output.count == entry.uncompressedSize, checksum == entry.crc32 else { throw XLSXError(.truncated) }
            return output
        }

        private enum InflateFailure: Error { case overBudget, inputExhausted }

        private func inflate(_ range: Range<Int>) throws(XLSXError) -> (Data, CRC32) {
            let chunkSize = 64 << 10
            var cursor = range.lowerBound
            var output = Data()
            var remaining = limit - spent
            defer { spent = limit - remaining }
            do {
                let checksum = try Data.decompress(
                    size: Int64(range.count), bufferSize: chunkSize, skipCRC32: false,
                    provider: { _, size in
                        // Always hand over `size` bytes (inflate is told the chunk is that long),
                        // zero-padding the last chunk; fail once the entry's bytes are used up.
                        guard cursor < range.upperBound else { throw InflateFailure.inputExhausted }
                        let count = min(size, range.upperBound - cursor)
                        var chunk = self.data.subdata(
                            in: self.data.startIndex + cursor..<self.data.startIndex + cursor + count)
                        cursor += count
                        if count < size { chunk.append(Data(count: size - count)) }
                        return chunk
                    },
                    consumer: { chunk in
                        guard chunk.count <= remaining else { throw InflateFailure.overBudget }
                        remaining -= chunk.count
                        output.append(chunk)
                    })
                return (output, checksum)
            } catch InflateFailure.overBudget {
                throw XLSXError(.tooLarge(limitBytes: limit))
            } catch {
                throw XLSXError(.truncated)
            }
        }

        /// The offset of the end-of-central-directory record, searched back from the end over
        /// the longest possible archive comment.
        private func findEndOfCentralDirectory() -> Int? {
            guard data.count >= 22 else { return nil }
            var position = data.count - 22
            let lowest = max(0, position - 0xFFFF)
            while position >= lowest {
                if uint(position, 4) == 0x0605_4B50 { return position }
                position -= 1
            }
            return nil
        }

        /// The offset of the data of the ZIP64 extended-information extra field, if present.
        private func zip64Field(at start: Int, length: Int) -> Int? {
            var position = start
            while position + 4 <= start + length {
                guard let id = uint(position, 2), let size = uint(position + 2, 2) else { return nil }
                if id == 1 { return position + 4 }
                position += 4 + Int(size)
            }
            return nil
        }

        /// The little-endian unsigned integer of `size` bytes at `offset`, if within the data.
        private func uint(_ offset: Int, _ size: Int) -> UInt64? {
            guard offset >= 0, offset <= data.count - size else { return nil }
            var value: UInt64 = 0
            for index in (0..<size).reversed() {
                value = value << 8 | UInt64(data[data.startIndex + offset + index])
            }
            return value
        }

        private func bytes(_ offset: Int, _ count: Int) -> Data? {
            guard offset >= 0, offset <= data.count - count else { return nil }
            return data.subdata(in: data.startIndex + offset..<data.startIndex + offset + count)
        }
    }
}

// MARK: - Workbook and relationships

extension XLSXReader {
    /// The workbook part: its sheets and relationships.
    private struct Workbook {
        struct Sheet {
            var name: String
            var relationship: String?
        }

        let zip: ZipDirectory
        /// The workbook part's path, normally `xl/workbook.xml`.
        let path: String
        let sheets: [Sheet]

        init(_ zip: ZipDirectory) throws(XLSXError) {
            self.zip = zip
            var path = "xl/workbook.xml"
            if zip.contains("_rels/.rels"),
               let document = try Self.relationships(zip, "_rels/.rels").first(where: { $0.type.hasSuffix("/officeDocument") }) {
                path = Self.resolve(document.target, from: "")
            }
            guard zip.contains(path) else { throw XLSXError(.missingPart(path)) }
            self.path = path
            sheets = try XLSXReader.decode(WorkbookXML.self, zip.read(path), part: path).sheets?.sheet?
                .map { Sheet(name: $0.name, relationship: $0.relationship) } ?? []
        }

        /// The path of a sheet's part.
        func partPath(of sheet: Sheet) throws(XLSXError) -> String {
            let relsPath = relationshipsPath
            guard zip.contains(relsPath) else { throw XLSXError(.missingPart(relsPath)) }
            guard let id = sheet.relationship,
                  let relationship = try Self.relationships(zip, relsPath).first(where: { $0.id == id })
            else {
                let detail = "no relationship for sheet “\(sheet.name)” (\(sheet.relationship ?? "no r:id"))"
                throw XLSXError(.malformedXML(part: relsPath, detail: detail))
            }
            let target = Self.resolve(relationship.target, from: directory)
            guard zip.contains(target) else { throw XLSXError(.missingPart(target)) }
            return target
        }

        /// The path of the shared-strings part, or `nil` when the workbook has none.
        func sharedStringsPath() throws(XLSXError) -> String? {
            if zip.contains(relationshipsPath),
               let strings = try Self.relationships(zip, relationshipsPath).first(where: { $0.type.hasSuffix("/sharedStrings") }) {
                let target = Self.resolve(strings.target, from: directory)
                guard zip.contains(target) else { throw XLSXError(.missingPart(target)) }
                return target
            }
            return zip.contains("xl/sharedStrings.xml") ? "xl/sharedStrings.xml" : nil
        }

        private var directory: String {
            path.split(separator: "/").dropLast().joined(separator: "/")
        }

        private var relationshipsPath: String {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            return (directory.isEmpty ? "" : directory + "/") + "_rels/" + name + ".rels"
        }

        private static func relationships(_ zip: ZipDirectory, _ path: String) throws(XLSXError) -> [RelationshipsXML.Relationship] {
            let all = try XLSXReader.decode(RelationshipsXML.self, zip.read(path), part: path).relationship ?? []
            return all.filter { $0.targetMode?.lowercased() != "external" }
        }

        /// The part path a relationship target names: absolute (`/xl/worksheets/sheet1.xml`) or
        /// relative to `directory` (`worksheets/sheet1.xml`, `../xl/...`).
        static func resolve(_ target: String, from directory: String) -> String {
            let decoded = target.removingPercentEncoding ?? target
            let joined = decoded.hasPrefix("/") ? decoded : directory + "/" + decoded
            var parts: [Substring] = []
            for segment in joined.split(separator: "/") where segment != "." {
                if segment == ".." { _ = parts.popLast() } else { parts.append(segment) }
            }
            return parts.joined(separator: "/")
        }
    }

    private struct WorkbookXML: Decodable {
        struct Sheets: Decodable {
            var sheet: [Sheet]?
        }

        struct Sheet: Decodable {
            var name: String
            /// The `r:id` attribute, whatever prefix the file binds to the relationships namespace.
            var relationship: String?

            private struct Key: CodingKey {
                var stringValue: String
                var intValue: Int? { nil }
                init(stringValue: String) { self.stringValue = stringValue }
                init?(intValue: Int) { nil }
            }

            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: Key.self)
                name = try container.decode(String.self, forKey: Key(stringValue: "name"))
                relationship = try container.allKeys.first { $0.stringValue.hasSuffix(":id") }
                    .map { try container.decode(String.self, forKey: $0) }
            }
        }

        var sheets: Sheets?
    }

    private struct RelationshipsXML: Decodable {
        struct Relationship: Decodable {
            var id: String
            var type: String
            var target: String
            var targetMode: String?

            enum CodingKeys: String, CodingKey {
                case id = "Id", type = "Type", target = "Target", targetMode = "TargetMode"
            }
        }

        var relationship: [Relationship]?

        enum CodingKeys: String, CodingKey {
            case relationship = "Relationship"
        }
    }

    /// Decodes a small part with XMLCoder.
    private static func decode<T: Decodable>(_ type: T.Type, _ data: Data, part: String) throws(XLSXError) -> T {
        try rejectDocumentType(data, part: part)
        guard data.count <= 8 << 20 else {
            throw XLSXError(.malformedXML(part: part, detail: "the part is larger than 8 MB"))
        }
        let decoder = XMLDecoder()
        decoder.shouldProcessNamespaces = true
        do {
            return try decoder.decode(type, from: data)
        } catch DecodingError.keyNotFound(let key, _) {
            throw XLSXError(.malformedXML(part: part, detail: "missing “\(key.stringValue)”"))
        } catch {
            throw XLSXError(.malformedXML(part: part, detail: "not well-formed XML or unexpected structure"))
        }
    }

    /// Refuses document type declarations, which spreadsheets never use, to rule out entity
    /// expansion attacks.
    private static func rejectDocumentType(_ data: Data, part: String) throws(XLSXError) {
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil {
            throw XLSXError(.malformedXML(part: part, detail: "document type declarations are not allowed"))
        }
    }
}

// MARK: - Streaming parts

/// A delegate that records the first failure and stops the parser.
private protocol StreamingPart: XMLParserDelegate {
    var failure: XLSXError? { get }
}

extension XLSXReader {
    /// Runs `delegate` over `data` with Foundation's streaming parser.
    private static func stream(_ data: Data, part: String, into delegate: some StreamingPart) throws(XLSXError) {
        try rejectDocumentType(data, part: part)
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldProcessNamespaces = true
        parser.delegate = delegate
        let parsed = parser.parse()
        if let failure = delegate.failure { throw failure }
        guard parsed else {
            let detail = "not well-formed XML near line \(parser.lineNumber), column \(parser.columnNumber)"
            throw XLSXError(.malformedXML(part: part, detail: detail))
        }
    }

    /// The 0-based column of a cell reference such as `"B3"` (`A`…`XFD`), or `nil` if malformed.
    static func columnIndex(of reference: String) -> Int? {
        var column = 0
        var letters = 0
        var digits = 0
        for byte in reference.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where digits == 0:
                column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9") where letters > 0:
                digits += 1
            default:
                return nil
            }
            if letters > 3 { return nil }
        }
        guard digits > 0, column <= 16_384 else { return nil }
        return column - 1
    }

    /// The letters of a 0-based column: 0 → `A`, 26 → `AA`.
    static func columnName(_ index: Int) -> String {
        var number = index + 1
        var scalars: [Unicode.Scalar] = []
        while number > 0 {
            scalars.append(Unicode.Scalar(UInt8(ascii: "A") + UInt8((number - 1) % 26)))
            number = (number - 1) / 26
        }
        return String(String.UnicodeScalarView(scalars.reversed()))
    }

    /// Decodes the `_xHHHH_` escapes spreadsheet strings use for characters XML cannot hold.
    static func unescape(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "_")) else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if scalars[index] == "_", index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_",
               scalars[index + 2...index + 5].allSatisfy(\.properties.isASCIIHexDigit),
               let value = UInt32(String(String.UnicodeScalarView(scalars[index + 2...index + 5])), radix: 16),
               let scalar = Unicode.Scalar(value) {
                result.append(scalar)
                index += 7
            } else {
                result.append(scalars[index])
                index += 1
            }
        }
        return String(result)
    }
}

/// Collects the strings of `xl/sharedStrings.xml`: each `<si>` is its `<t>` text, or its rich-text
/// runs' `<t>` texts joined; phonetic runs (`<rPh>`) are left out.
private final class SharedStringsParser: NSObject, StreamingPart {
    private(set) var strings: [String] = []
    let failure: XLSXError? = nil
    private var current: String?
    private var capturing = false
    private var phoneticDepth = 0

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        switch elementName {
        case "si": current = ""; phoneticDepth = 0
        case "rPh": phoneticDepth += 1
        case "t": capturing = current != nil && phoneticDepth == 0
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch elementName {
        case "t": capturing = false
        case "rPh": phoneticDepth -= 1
        case "si":
            strings.append(XLSXReader.unescape(current ?? ""))
            current = nil
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if capturing { current?.append(string) }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        if capturing { current?.append(String(decoding: CDATABlock, as: UTF8.self)) }
    }
}

/// Turns a worksheet's `<sheetData>` into rows, refusing formulas and collecting merged ranges.
private final class SheetParser: NSObject, StreamingPart {
    private struct Cell {
        var reference: String
        var column: Int
        var type: String
        var value = ""
        var inline = ""
    }

    private enum Capture { case none, value, inline }

    let part: String
    let sharedStrings: [String]
    let limits: XLSXReader.Limits
    private(set) var rows: [XLSXRow] = []
    private(set) var merged: [String] = []
    private(set) var failure: XLSXError?

    private var inSheetData = false
    private var rowNumber = 0
    private var cells: [String] = []
    private var cellCount = 0
    private var nextColumn = 0
    private var cell: Cell?
    private var inInlineString = false
    private var phoneticDepth = 0
    private var capture = Capture.none

    init(part: String, sharedStrings: [String], limits: XLSXReader.Limits) {
        self.part = part
        self.sharedStrings = sharedStrings
        self.limits = limits
    }

    private func fail(_ kind: XLSXError.Kind, _ parser: XMLParser) {
        guard failure == nil else { return }
        failure = XLSXError(kind)
        parser.abortParsing()
    }

    private func malformed(_ detail: String, _ parser: XMLParser) {
        fail(.malformedXML(part: part, detail: detail), parser)
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        guard failure == nil else { return }
        switch elementName {
        case "sheetData":
            inSheetData = true
        case "row" where inSheetData:
            if let number = attributeDict["r"] {
                guard let value = Int(number), (1...XLSXReader.maxSheetRows).contains(value) else { return malformed("row number “\(number)”", parser) }
                rowNumber = value
            } else {
                guard rowNumber < XLSXReader.maxSheetRows else { return malformed("a row beyond Excel's last row", parser) }
                rowNumber += 1
            }
            cells = []
            nextColumn = 0
        case "c" where inSheetData:
            var column = nextColumn
            if let reference = attributeDict["r"] {
                guard let index = XLSXReader.columnIndex(of: reference) else {
                    return malformed("cell reference “\(reference)”", parser)
                }
                column = index
            }
            guard column < 16_384 else { return malformed("a cell beyond column XFD in row \(rowNumber)", parser) }
            let reference = attributeDict["r"] ?? XLSXReader.columnName(column) + String(rowNumber)
            cell = Cell(reference: reference, column: column, type: attributeDict["t"] ?? "n")
        case "f" where cell != nil:
            fail(.formula(cell: cell?.reference ?? ""), parser)
        case "v" where cell != nil:
            capture = .value
        case "is" where cell != nil:
            inInlineString = true
            phoneticDepth = 0
        case "rPh" where inInlineString:
            phoneticDepth += 1
        case "t" where inInlineString && phoneticDepth == 0:
            capture = .inline
        case "mergeCell":
            if let range = attributeDict["ref"] { merged.append(range) }
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard failure == nil else { return }
        switch elementName {
        case "v", "t":
            capture = .none
        case "rPh" where inInlineString:
            phoneticDepth -= 1
        case "is":
            inInlineString = false
        case "c":
            if let cell { finish(cell, parser) }
            cell = nil
        case "row" where inSheetData:
            guard !cells.isEmpty else { return }
            rows.append(XLSXRow(number: rowNumber, cells: cells))
            if rows.count > limits.maxRows { fail(.tooManyRows(limit: limits.maxRows), parser) }
        case "sheetData":
            inSheetData = false
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        switch capture {
        case .none: break
        case .value: cell?.value.append(string)
        case .inline: cell?.inline.append(string)
        }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        self.parser(parser, foundCharacters: String(decoding: CDATABlock, as: UTF8.self))
    }

    /// `text` without surrounding whitespace (a fast path for the usual value that has none).
    private static func trimmed(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
              first.properties.isWhitespace || last.properties.isWhitespace
        else { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Places a finished cell's text in the current row.
    private func finish(_ cell: Cell, _ parser: XMLParser) {
        nextColumn = cell.column + 1
        let value = Self.trimmed(cell.value)
        let text: String
        switch cell.type {
        case "s":
            guard let index = Int(value), sharedStrings.indices.contains(index) else {
                let detail = "cell \(cell.reference) refers to shared string “\(value)” of \(sharedStrings.count)"
                return malformed(detail, parser)
            }
            text = sharedStrings[index]
        case "inlineStr":
            text = XLSXReader.unescape(cell.inline.isEmpty ? cell.value : cell.inline)
        case "str":
            text = XLSXReader.unescape(cell.value)
        case "b":
            switch value.lowercased() {
            case "1", "true": text = "TRUE"
            case "0", "false": text = "FALSE"
            case "": text = ""
            default: return malformed("cell \(cell.reference) holds “\(value)” as a boolean", parser)
            }
        default:
            text = value
        }
        guard !text.isEmpty else { return }
        if text.utf8.count > limits.maxCellCharacters, text.count > limits.maxCellCharacters {
            let kind = XLSXError.Kind.cellTooLong(cell: cell.reference, length: text.count, limit: limits.maxCellCharacters)
            return fail(kind, parser)
        }
        if cell.column < cells.count {
            cells[cell.column] = text
            return
        }
        cellCount += cell.column + 1 - cells.count
        guard cellCount <= limits.maxCells else { return fail(.tooManyCells(limit: limits.maxCells), parser) }
        cells.append(contentsOf: repeatElement("", count: cell.column - cells.count))
        cells.append(text)
    }
}
