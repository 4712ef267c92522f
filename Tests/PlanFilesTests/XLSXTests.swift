import Foundation
import Testing
import ZIPFoundation

@testable import PlanFiles

// MARK: - Fixtures

/// Builds workbooks part by part for reader tests.
private enum Fixture {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipTypes = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let sheetPath = "xl/worksheets/sheet1.xml"

    /// A deflated ZIP archive of `parts`.
    static func zip(_ parts: [(path: String, data: Data)]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for part in parts {
            try archive.addEntry(
                with: part.path, type: .file, uncompressedSize: Int64(part.data.count), compressionMethod: .deflate,
                provider: { position, size in part.data.subdata(in: Int(position)..<Int(position) + size) })
        }
        return try #require(archive.data)
    }

    static func zip(_ parts: [(path: String, xml: String)]) throws -> Data {
        try zip(parts.map { (path: $0.path, data: Data($0.xml.utf8)) })
    }

    /// The parts of a workbook whose sheets (in order) are stored at `xl/worksheets/sheetN.xml`;
    /// even-numbered sheets are linked with absolute targets.
    static func parts(sheets: [(name: String, xml: String)], sharedStrings: String? = nil) -> [(path: String, xml: String)] {
        var sheetEntries = ""
        var relationships = ""
        var parts: [(path: String, xml: String)] = [
            (
                "_rels/.rels",
                """
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="\(relationshipTypes)/officeDocument" Target="xl/workbook.xml"/>\
                </Relationships>
                """
            )
        ]
        for (index, sheet) in sheets.enumerated() {
            let number = index + 1
            let target = number.isMultiple(of: 2) ? "/xl/worksheets/sheet\(number).xml" : "worksheets/sheet\(number).xml"
            sheetEntries += "<sheet name=\"\(sheet.name)\" sheetId=\"\(number)\" r:id=\"rId\(number)\"/>"
            relationships += "<Relationship Id=\"rId\(number)\" Type=\"\(relationshipTypes)/worksheet\" Target=\"\(target)\"/>"
            parts.append(("xl/worksheets/sheet\(number).xml", sheet.xml))
        }
        if let sharedStrings {
            relationships += "<Relationship Id=\"rIdS\" Type=\"\(relationshipTypes)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
            parts.append(("xl/sharedStrings.xml", sharedStrings))
        }
        parts.append(
            (
                "xl/workbook.xml",
                """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="\(main)" xmlns:r="\(relationshipTypes)"><sheets>\(sheetEntries)</sheets></workbook>
                """
            ))
        parts.append(
            (
                "xl/_rels/workbook.xml.rels",
                """
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(relationships)</Relationships>
                """
            ))
        return parts
    }

    /// A worksheet with `rows` inside `<sheetData>` and `trailer` after it.
    static func sheet(_ rows: String, trailer: String = "") -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet xmlns=\"\(main)\"><sheetData>\(rows)</sheetData>\(trailer)</worksheet>"
    }

    /// A one-sheet workbook named `Sheet1` holding `rows`.
    static func workbook(rows: String, trailer: String = "") throws -> Data {
        try zip(parts(sheets: [("Sheet1", sheet(rows, trailer: trailer))]))
    }

    /// Overwrites the little-endian `UInt32` at `field` of the central-directory record of `path`.
    static func patchCentralDirectory(_ data: inout Data, path: String, field: Int, value: UInt32) {
        patch(&data, path: path, signature: 0x0201_4B50, nameField: 28, field: field, bytes: 4, value: value)
    }

    /// Overwrites `bytes` little-endian bytes at `field` of the ZIP record with `signature` whose
    /// name (its length at `nameField`, the name 2 or 18 bytes later) is `path`.
    static func patch(_ data: inout Data, path: String, signature: UInt32, nameField: Int, field: Int, bytes: Int, value: UInt32) {
        let signatureBytes = Data((0..<4).map { UInt8(truncatingIfNeeded: signature >> (8 * $0)) })
        let name = Data(path.utf8)
        let nameStart = nameField == 28 ? 46 : 30
        var searchStart = data.startIndex
        while let found = data.range(of: signatureBytes, in: searchStart..<data.endIndex) {
            let record = found.lowerBound
            let nameLength = Int(data[record + nameField]) | Int(data[record + nameField + 1]) << 8
            if nameLength == name.count, data[record + nameStart..<record + nameStart + nameLength] == name {
                for byte in 0..<bytes { data[record + field + byte] = UInt8(truncatingIfNeeded: value >> (8 * byte)) }
                return
            }
            searchStart = found.upperBound
        }
        Issue.record("no ZIP record for \(path)")
    }

    /// A workbook whose sheet part inflates to 100 MB of zeros (about 100 KB deflated).
    static let bomb: Data = {
        var parts = Fixture.parts(sheets: [("Sheet1", "")]).map { (path: $0.path, data: Data($0.xml.utf8)) }
        parts.removeAll { $0.path == sheetPath }
        let archive = try! Archive(accessMode: .create)
        for part in parts {
            try! archive.addEntry(
                with: part.path, type: .file, uncompressedSize: Int64(part.data.count), compressionMethod: .deflate,
                provider: { position, size in part.data.subdata(in: Int(position)..<Int(position) + size) })
        }
        try! archive.addEntry(
            with: sheetPath, type: .file, uncompressedSize: 100 << 20, compressionMethod: .deflate,
            provider: { (_: Int64, size: Int) in Data(count: size) })
        return archive.data!
    }()
}

/// The kind of error `body` throws, or `nil` if it returns.
private func kind(_ body: () throws(XLSXError) -> some Any) -> XLSXError.Kind? {
    do {
        _ = try body()
        return nil
    } catch {
        return error.kind
    }
}

// MARK: - Writer and reader round trip

@Suite struct XLSXRoundTripTests {
    let rows: [[XLSXWriter.Cell]] = [
        [.text("指标"), .text("值"), .text("备注")],
        [.text("北京"), .number(42), .text(""), .text("末列")],
        [],
        [.text("  前后空格 "), .number(-3), .number(12.5), .number(0.1), .number(1e-5), .number(1e20), .number(-0.0)],
        [
            .text("a & b < c > \"d\" 'e'"), .text("line1\nline2\r\nline3\ttab"), .text("_x0041_ literal"),
            .text("ctl\u{1}\u{1F}"), .text("😀 emoji"),
        ],
        [.text(""), .text("")],
    ]

    let expected = [
        XLSXRow(number: 1, cells: ["指标", "值", "备注"]),
        XLSXRow(number: 2, cells: ["北京", "42", "", "末列"]),
        XLSXRow(number: 4, cells: ["  前后空格 ", "-3", "12.5", "0.1", "1E-05", "1E+20", "0"]),
        XLSXRow(
            number: 5,
            cells: [
                "a & b < c > \"d\" 'e'", "line1\nline2\r\nline3\ttab", "_x0041_ literal",
                "ctl\u{1}\u{1F}", "😀 emoji",
            ]),
    ]

    @Test func firstSheetRoundTrips() throws {
        let data = try XLSXWriter.workbook(sheetName: "数据", rows: rows)
        #expect(try XLSXReader.read(data) == expected)
    }

    @Test func namedSheetRoundTrips() throws {
        let data = try XLSXWriter.workbook(sheetName: "数据", rows: rows)
        #expect(try XLSXReader.sheetNames(data) == ["数据"])
        #expect(try XLSXReader.read(data, sheet: "数据") == expected)
    }

    @Test func readsDataSlices() throws {
        let data = Data("prefix".utf8) + (try XLSXWriter.workbook(sheetName: "数据", rows: rows))
        #expect(try XLSXReader.read(data[6...]) == expected)
    }

    @Test(arguments: [0, 1, -1, 42, 12.5, -0.25, 0.1, 0.1 + 0.2, 1e-5, 1e20, 123_456_789_012_345, .leastNonzeroMagnitude, .pi])
    func numbersRoundTrip(value: Double) throws {
        let data = try XLSXWriter.workbook(sheetName: "n", rows: [[.number(value)]])
        let text = try #require(try XLSXReader.read(data).first?.cells.first)
        #expect(Double(text) == value)
        if value == value.rounded(), abs(value) < 1e15 { #expect(!text.contains(".") && !text.contains("E")) }
    }

    @Test func writerProducesDeflatedMinimalPackage() throws {
        let data = try XLSXWriter.workbook(sheetName: "Plan", rows: [[.text("x")]])
        let archive = try Archive(data: data, accessMode: .read)
        let entries = Array(archive)
        #expect(
            entries.map(\.path) == [
                "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                "xl/styles.xml", "xl/worksheets/sheet1.xml",
            ])
        #expect(entries.allSatisfy { $0.isCompressed })
        #expect(try XLSXWriter.workbook(sheetName: "Plan", rows: [[.text("x")]]) == data)
    }

    @Test func writerRejectsInvalidInput() {
        for name in ["", String(repeating: "x", count: 32), "a/b", "a:b", "[x]", "'quoted'", "tab\t"] {
            #expect(throws: XLSXWriter.WriteError.invalidSheetName(name)) {
                try XLSXWriter.workbook(sheetName: name, rows: [])
            }
        }
        #expect(throws: XLSXWriter.WriteError.nonFiniteNumber(cell: "B1")) {
            try XLSXWriter.workbook(sheetName: "s", rows: [[.number(1), .number(.nan)]])
        }
        #expect(throws: XLSXWriter.WriteError.textTooLong(cell: "A1")) {
            try XLSXWriter.workbook(sheetName: "s", rows: [[.text(String(repeating: "x", count: 32_768))]])
        }
    }

    @Test func concurrentReadsAgree() async throws {
        let data = try XLSXWriter.workbook(sheetName: "数据", rows: Array(repeating: rows, count: 50).flatMap { $0 })
        let reference = try XLSXReader.read(data)
        let results = await withTaskGroup(of: [XLSXRow]?.self) { group in
            for _ in 0..<8 { group.addTask { try? XLSXReader.read(data) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 8)
        #expect(results.allSatisfy { $0 == reference })
    }
}

// MARK: - Reading hand-built workbooks

@Suite struct XLSXReaderTests {
    static let sharedStrings = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <sst xmlns="\(Fixture.main)" count="5" uniqueCount="5">\
        <si><t>指标</t></si>\
        <si><r><t>Rich </t></r><r><rPr><b/><sz val="11"/></rPr><t xml:space="preserve">text </t></r><r><t>runs</t></r></si>\
        <si><t xml:space="preserve">  padded  </t></si>\
        <si><t>北京</t><rPh sb="0" eb="2"><t>ペキン</t></rPh><phoneticPr fontId="1"/></si>\
        <si><t>line_x000D_
        two &amp; more</t></si>\
        </sst>
        """

    static let firstSheet = Fixture.sheet(
        """
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>\
        <c r="D1" t="s"><v>3</v></c></row>\
        <row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="b"><v>0</v></c>\
        <c r="C2" t="inlineStr"><is><t>行内</t></is></c><c r="D2" t="e"><v>#DIV/0!</v></c></row>\
        <row r="3" spans="1:4"><c r="A3"><v>12.5</v></c><c r="B3" t="n"><v>1E-3</v></c>\
        <c r="C3" t="str"><v>plain</v></c><c r="D3" s="1"/></row>\
        <row r="5"><c t="s"><v>4</v></c><c><v>7</v></c></row>\
        <row r="6"><c r="A6" s="2"/></row>
        """)

    static let secondSheet = """
        <x:worksheet xmlns:x="\(Fixture.main)"><x:sheetData><x:row r="2"><x:c r="C2" t="inlineStr">\
        <x:is><x:r><x:t>富</x:t></x:r><x:r><x:t>文本</x:t></x:r></x:is></x:c></x:row></x:sheetData></x:worksheet>
        """

    let data: Data

    init() throws {
        data = try Fixture.zip(
            Fixture.parts(
                sheets: [("Plan", Self.firstSheet), ("数据", Self.secondSheet)], sharedStrings: Self.sharedStrings))
    }

    @Test func sheetNamesInWorkbookOrder() throws {
        #expect(try XLSXReader.sheetNames(data) == ["Plan", "数据"])
    }

    @Test func sharedStringsBooleansInlineStringsAndNumbersAsWritten() throws {
        #expect(
            try XLSXReader.read(data) == [
                XLSXRow(number: 1, cells: ["指标", "Rich text runs", "  padded  ", "北京"]),
                XLSXRow(number: 2, cells: ["TRUE", "FALSE", "行内", "#DIV/0!"]),
                XLSXRow(number: 3, cells: ["12.5", "1E-3", "plain"]),
                XLSXRow(number: 5, cells: ["line\r\ntwo & more", "7"]),
            ])
    }

    @Test func namedSheetWithAbsoluteTargetAndPrefixedNamespace() throws {
        #expect(try XLSXReader.read(data, sheet: "数据") == [XLSXRow(number: 2, cells: ["", "", "富文本"])])
        #expect(try XLSXReader.read(data, sheet: "plan").count == 4)
    }

    @Test func columnsArePlacedByReference() throws {
        let data = try Fixture.workbook(
            rows: """
                <row r="2"><c r="C2" t="inlineStr"><is><t>value</t></is></c></row>\
                <row r="3"><c r="B3"><v>1</v></c><c><v>2</v></c><c r="AA3"><v>3</v></c></row>
                """)
        let rows = try XLSXReader.read(data)
        #expect(rows.first == XLSXRow(number: 2, cells: ["", "", "value"]))
        #expect(rows.last?.cells.count == 27)
        #expect(rows.last?.cells[1...2] == ["1", "2"])
        #expect(rows.last?.cells.last == "3")
    }

    @Test func rowsWithoutNumbersFollowThePreviousRow() throws {
        let data = try Fixture.workbook(rows: "<row r=\"4\"><c><v>1</v></c></row><row><c><v>2</v></c></row>")
        #expect(try XLSXReader.read(data) == [XLSXRow(number: 4, cells: ["1"]), XLSXRow(number: 5, cells: ["2"])])
    }

    @Test func columnLetters() {
        #expect(XLSXReader.columnIndex(of: "A1") == 0)
        #expect(XLSXReader.columnIndex(of: "Z9") == 25)
        #expect(XLSXReader.columnIndex(of: "AA10") == 26)
        #expect(XLSXReader.columnIndex(of: "XFD1048576") == 16_383)
        #expect(XLSXReader.columnIndex(of: "XFE1") == nil)
        #expect(XLSXReader.columnIndex(of: "1A") == nil)
        #expect(XLSXReader.columnIndex(of: "A") == nil)
        #expect(XLSXReader.columnName(0) == "A")
        #expect(XLSXReader.columnName(27) == "AB")
        #expect(XLSXReader.columnName(16_383) == "XFD")
    }
}

// MARK: - Errors

@Suite struct XLSXErrorTests {
    @Test func notZip() {
        var seed: UInt32 = 12_345
        let random = Data(
            (0..<4096).map { _ in
                seed = seed &* 1_664_525 &+ 1_013_904_223
                return UInt8(truncatingIfNeeded: seed >> 24)
            })
        let csv = Data("指标,值\n北京,1\n上海,2\n".utf8)
        let legacyXLS = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 504))
        for bytes in [random, csv, legacyXLS, Data()] {
            #expect(kind { () throws(XLSXError) in try XLSXReader.read(bytes) } == .notZip)
            #expect(kind { () throws(XLSXError) in try XLSXReader.sheetNames(bytes) } == .notZip)
        }
    }

    @Test func truncated() throws {
        let data = try XLSXWriter.workbook(sheetName: "s", rows: [[.text("x")]])
        #expect(kind { () throws(XLSXError) in try XLSXReader.read(data.prefix(data.count / 2)) } == .truncated)
        #expect(kind { () throws(XLSXError) in try XLSXReader.read(data.dropLast()) } == .truncated)
    }

    @Test func damagedEntries() throws {
        let data = try XLSXWriter.workbook(
            sheetName: "s", rows: (1...200).map { [.text("row \($0) 第\($0)行"), .number(Double($0))] })
        // A compressed size cut short leaves the deflate stream unfinished.
        var cut = data
        Fixture.patchCentralDirectory(&cut, path: Fixture.sheetPath, field: 20, value: 40)
        #expect(kind { () throws(XLSXError) in try XLSXReader.read(cut) } == .truncated)
        // A wrong checksum.
        var badChecksum = data
        Fixture.patchCentralDirectory(&badChecksum, path: Fixture.sheetPath, field: 16, value: 0xDEAD_BEEF)
        #expect(kind { () throws(XLSXError) in try XLSXReader.read(badChecksum) } == .truncated)
    }

    @Test func unfinishedDeflateStreamAtTheEndOfTheFileFails() throws {
        // A stored entry relabelled as deflated: its data opens a non-final stored block of 65 535
        // bytes that runs past the end of the file (ZIPFoundation's own extract spins forever here).
        var parts = Fixture.parts(sheets: [("s", "")]).map { (path: $0.path, data: Data($0.xml.utf8)) }
        parts.removeAll { $0.path == Fixture.sheetPath }
        parts.append((path: Fixture.sheetPath, data: Data([0x00, 0xFF, 0xFF, 0x00, 0x00, 0x41, 0x42])))
        let archive = try Archive(accessMode: .create)
        for part in parts {
            try archive.addEntry(
                with: part.path, type: .file, uncompressedSize: Int64(part.data.count), compressionMethod: .none,
                provider: { position, size in part.data.subdata(in: Int(position)..<Int(position) + size) })
        }
        var data = try #require(archive.data)
        Fixture.patch(&data, path: Fixture.sheetPath, signature: 0x0403_4B50, nameField: 26, field: 8, bytes: 2, value: 8)
        Fixture.patch(&data, path: Fixture.sheetPath, signature: 0x0201_4B50, nameField: 28, field: 10, bytes: 2, value: 8)
        #expect(kind { () throws(XLSXError) in try XLSXReader.read(data) } == .truncated)
    }

    @Test func zipBombIsRejectedBeforeInflating() throws {
        let bomb = Fixture.bomb
        #expect(bomb.count < 1 << 20)
        #expect(kind { () throws(XLSXError) in try XLSXReader.read(bomb) } == .tooLarge(limitBytes: 64 << 20))
        #expect(XLSXError(.tooLarge(limitBytes: 64 << 20)).zh == "文件解压后超过 64 MB 上限（可能是压缩炸弹），已拒绝")
    }

    @Test func zipBombWithFalseDeclaredSizeIsStoppedWhileInflating() throws {
        var bomb = Fixture.bomb
        Fixture.patchCentralDirectory(&bomb, path: Fixture.sheetPath, field: 24, value: 1000)
        #expect(kind { () throws(XLSXError) in try XLSXReader.read(bomb) } == .tooLarge(limitBytes: 64 << 20))
    }

    @Test func sizeLimitCountsAllParts() throws {
        let data = try XLSXWriter.workbook(sheetName: "s", rows: [[.text("x")]])
        var limits = XLSXReader.Limits()
        limits.maxUncompressedBytes = 1000
        #expect(kind { () throws(XLSXError) in try XLSXReader.read(data, limits: limits) } == .tooLarge(limitBytes: 1000))
    }

    @Test func tooManyEntries() throws {
        let written = try XLSXWriter.workbook(sheetName: "s", rows: [[.text("x")]])
        var limits = XLSXReader.Limits()
        limits.maxEntries = 5
        #expect(kind { () throws(XLSXError) in try XLSXReader.read(written, limits: limits) } == .tooManyEntries(5))

        let crowded = try Fixture.zip((0...2000).map { (path: "junk/\($0).txt", data: Data()) })
        #expect(kind { () throws(XLSXError) in try XLSXReader.read(crowded) } == .tooManyEntries(2000))
    }

    @Test func missingSheetListsAvailableNames() throws {
        let data = try Fixture.zip(Fixture.parts(sheets: [("Plan", Fixture.sheet("")), ("数据", Fixture.sheet(""))]))
        let error = kind { () throws(XLSXError) in try XLSXReader.read(data, sheet: "目标") }
        #expect(error == .sheetNotFound(name: "目标", available: ["Plan", "数据"]))
        #expect(XLSXError(error!).zh == "找不到名为“目标”的工作表；现有工作表：Plan、数据")
    }

    @Test func missingParts() throws {
        let noWorkbook = try Fixture.zip([
            (path: "[Content_Types].xml", xml: "<Types/>"), (path: Fixture.sheetPath, xml: Fixture.sheet("")),
        ])
        #expect(kind { () throws(XLSXError) in try XLSXReader.read(noWorkbook) } == .missingPart("xl/workbook.xml"))
        #expect(kind { () throws(XLSXError) in try XLSXReader.sheetNames(noWorkbook) } == .missingPart("xl/workbook.xml"))

        let noSheet = try Fixture.zip(Fixture.parts(sheets: [("s", "")]).filter { $0.path != Fixture.sheetPath })
        #expect(kind { () throws(XLSXError) in try XLSXReader.read(noSheet) } == .missingPart(Fixture.sheetPath))
    }

    @Test func formulaIsReportedWithItsCell() throws {
        let data = try Fixture.workbook(
            rows: """
                <row r="2"><c r="A2"><v>1</v></c></row><row r="3"><c r="A3"><v>1</v></c><c r="B3"><f>A3*2</f><v>2</v></c></row>
                """)
        #expect(kind { () throws(XLSXError) in try XLSXReader.read(data) } == .formula(cell: "B3"))
        let shared = try Fixture.workbook(rows: "<row r=\"4\"><c><v>1</v></c><c><f t=\"shared\" si=\"0\"/><v>3</v></c></row>")
        #expect(kind { () throws(XLSXError) in try XLSXReader.read(shared) } == .formula(cell: "B4"))
        #expect(XLSXError(.formula(cell: "B3")).zh == "单元格 B3 含公式；请将公式粘贴为数值后再导入")
        #expect(XLSXError(.formula(cell: "B3")).en == "Cell B3 holds a formula; paste it as values before importing")
        #expect(XLSXError(.formula(cell: "B3")).description == XLSXError(.formula(cell: "B3")).en)
    }

    @Test func mergedCellsAreReportedWithTheirRanges() throws {
        let data = try Fixture.workbook(
            rows: "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>",
            trailer: "<mergeCells count=\"2\"><mergeCell ref=\"A1:C1\"/><mergeCell ref=\"B4:B6\"/></mergeCells>")
        let error = kind { () throws(XLSXError) in try XLSXReader.read(data) }
        #expect(error == .mergedCells(ranges: ["A1:C1", "B4:B6"]))
        #expect(XLSXError(error!).zh == "工作表含合并单元格（A1:C1、B4:B6）；请取消合并后再导入")
    }

    @Test func hugeCellIsRejected() throws {
        let fits = try XLSXWriter.workbook(sheetName: "s", rows: [[.text(String(repeating: "字", count: 10_000))]])
        #expect(try XLSXReader.read(fits).first?.cells.first?.count == 10_000)
        let huge = try XLSXWriter.workbook(sheetName: "s", rows: [[.number(1), .text(String(repeating: "字", count: 10_001))]])
        #expect(
            kind { () throws(XLSXError) in try XLSXReader.read(huge) }
                == .cellTooLong(cell: "B1", length: 10_001, limit: 10_000))
    }

    @Test func tooManyRowsAndCells() throws {
        let data = try XLSXWriter.workbook(sheetName: "s", rows: [[.number(1)], [], [.number(2)], [.number(3)]])
        var limits = XLSXReader.Limits()
        limits.maxRows = 3
        #expect(try XLSXReader.read(data, limits: limits).count == 3)
        limits.maxRows = 2
        #expect(kind { () throws(XLSXError) in try XLSXReader.read(data, limits: limits) } == .tooManyRows(limit: 2))

        let wide = try Fixture.workbook(rows: "<row r=\"1\"><c r=\"XFD1\"><v>1</v></c></row>")
        limits = XLSXReader.Limits()
        #expect(try XLSXReader.read(wide, limits: limits).first?.cells.count == 16_384)
        limits.maxCells = 1000
        #expect(kind { () throws(XLSXError) in try XLSXReader.read(wide, limits: limits) } == .tooManyCells(limit: 1000))
    }

    @Test func malformedSheetXML() throws {
        let data = try Fixture.workbook(rows: "<row r=\"1\"><c r=\"A1\"><v>1</v></row>")
        guard case .malformedXML(let part, let detail) = kind({ () throws(XLSXError) in try XLSXReader.read(data) }) else {
            Issue.record("expected malformed XML")
            return
        }
        #expect(part == Fixture.sheetPath)
        #expect(detail.contains("line"))
    }

    @Test(arguments: [
        ("<row r=\"1\"><c r=\"1A\"><v>1</v></c></row>", Fixture.sheetPath),
        ("<row r=\"x\"><c><v>1</v></c></row>", Fixture.sheetPath),
        ("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>9</v></c></row>", Fixture.sheetPath),
        ("<row r=\"1\"><c r=\"A1\" t=\"b\"><v>maybe</v></c></row>", Fixture.sheetPath),
    ])
    func malformedContent(rows: String, part: String) throws {
        let data = try Fixture.workbook(rows: rows)
        guard case .malformedXML(let reported, _) = kind({ () throws(XLSXError) in try XLSXReader.read(data) }) else {
            Issue.record("expected malformed XML")
            return
        }
        #expect(reported == part)
    }

    @Test func malformedWorkbookAndDocumentTypes() throws {
        var parts = Fixture.parts(sheets: [("s", Fixture.sheet(""))])
        parts[parts.firstIndex { $0.path == "xl/workbook.xml" }!].xml = "<workbook><sheets>"
        let badWorkbook = try Fixture.zip(parts)
        #expect(
            kind { () throws(XLSXError) in try XLSXReader.sheetNames(badWorkbook) }
                == .malformedXML(part: "xl/workbook.xml", detail: "not well-formed XML or unexpected structure"))

        let entities = """
            <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\
            <worksheet xmlns="\(Fixture.main)"><sheetData><row r="1"><c t="inlineStr"><is><t>&lol2;</t></is></c></row>\
            </sheetData></worksheet>
            """
        let withDoctype = try Fixture.zip(Fixture.parts(sheets: [("s", entities)]))
        #expect(
            kind { () throws(XLSXError) in try XLSXReader.read(withDoctype) }
                == .malformedXML(part: Fixture.sheetPath, detail: "document type declarations are not allowed"))
    }

    @Test func messagesInBothLanguages() {
        #expect(XLSXError(.notZip).zh == "不是有效的 XLSX 文件（不是 ZIP 格式）")
        #expect(XLSXError(.notZip).en == "Not a valid XLSX file (not in ZIP format)")
        #expect(XLSXError(.tooLarge(limitBytes: 1000)).en.contains("1000 bytes"))
        let many = XLSXError(.mergedCells(ranges: ["A1:B1", "A2:B2", "A3:B3", "A4:B4", "A5:B5", "A6:B6"]))
        #expect(many.zh == "工作表含合并单元格（A1:B1、A2:B2、A3:B3、A4:B4、A5:B5 …）；请取消合并后再导入")
        let kinds: [XLSXError.Kind] = [
            .notZip, .truncated, .tooLarge(limitBytes: 64 << 20), .tooManyEntries(2000), .missingPart("xl/workbook.xml"),
            .sheetNotFound(name: "x", available: []), .malformedXML(part: "p", detail: "d"), .formula(cell: "A1"),
            .mergedCells(ranges: ["A1:B2"]), .cellTooLong(cell: "A1", length: 2, limit: 1), .tooManyRows(limit: 1),
            .tooManyCells(limit: 1),
        ]
        for kind in kinds {
            let error = XLSXError(kind)
            #expect(!error.zh.isEmpty && !error.en.isEmpty && error.description == error.en)
        }
    }
}

/// Small files built to make the reader spend the machine: deep nesting, and cells that all
/// expand one long shared string.
@Suite struct XLSXHostileFileTests {
    /// A workbook whose part at `path` is replaced by `depth` nested elements.
    static func nested(_ path: String, depth: Int, open: String = "<a>") throws -> Data {
        let deep = String(repeating: open, count: depth) + String(repeating: "</a>", count: depth)
        var parts = Fixture.parts(sheets: [("Sheet1", Fixture.sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"))])
        let index = try #require(parts.firstIndex { $0.path == path })
        parts[index].xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + deep
        return try Fixture.zip(parts)
    }

    @Test(arguments: ["xl/workbook.xml", "_rels/.rels", "xl/_rels/workbook.xml.rels"])
    func deeplyNestedPartsAreRefusedWithoutDecoding(path: String) throws {
        let data = try Self.nested(path, depth: 10_000)
        #expect(data.count < 8_000)
        let refused = kind { () throws(XLSXError) in try XLSXReader.read(data) }
        guard case .malformedXML(let part, let detail)? = refused else {
            Issue.record("expected a malformed-XML refusal, got \(String(describing: refused))")
            return
        }
        #expect(part == path && detail.contains("nested deeper than 64"))
    }

    @Test func attributeValuesCannotHideNesting() throws {
        let data = try Self.nested("xl/workbook.xml", depth: 10_000, open: "<a b=\"/>\" c='>'>")
        let refused = kind { () throws(XLSXError) in try XLSXReader.read(data) }
        guard case .malformedXML(_, let detail)? = refused else {
            Issue.record("expected a malformed-XML refusal, got \(String(describing: refused))")
            return
        }
        #expect(detail.contains("nested deeper than 64"))
    }

    @Test func nestingDepthCountsOpenElementsOnly() {
        #expect(XLSXReader.nestingDepth(Data("<?xml version=\"1.0\"?><a><b/><c><d></d></c></a>".utf8)) == 3)
        #expect(XLSXReader.nestingDepth(Data("<!-- <x><y> --><a/>".utf8)) <= 3)
        #expect(XLSXReader.nestingDepth(Data("<a b=\"/>\"><c d='x>y'/></a>".utf8)) == 1)
    }

    @Test func cellsRepeatingOneLongSharedStringAreStoppedAtTheTextLimit() throws {
        let long = String(repeating: "长", count: 10_000)
        let strings = "<sst xmlns=\"\(Fixture.main)\" count=\"1\" uniqueCount=\"1\"><si><t>\(long)</t></si></sst>"
        // 3,000 rows of 3 cells: 9,000 × 30,000 bytes would expand to 270 MB.
        let rows = (1...3000).map { r in "<row r=\"\(r)\">" + ["A", "B", "C"].map { "<c r=\"\($0)\(r)\" t=\"s\"><v>0</v></c>" }.joined() + "</row>" }
            .joined()
        let data = try Fixture.zip(Fixture.parts(sheets: [("Sheet1", Fixture.sheet(rows))], sharedStrings: strings))
        #expect(data.count < 1 << 20)
        #expect(kind { () throws(XLSXError) in try XLSXReader.read(data) } == .tooMuchText(limit: 64 << 20))
        var small = XLSXReader.Limits()
        small.maxTextBytes = 1 << 20
        #expect(kind { () throws(XLSXError) in try XLSXReader.read(data, limits: small) } == .tooMuchText(limit: 1 << 20))
    }
}
