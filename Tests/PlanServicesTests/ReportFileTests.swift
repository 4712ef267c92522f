import Foundation
import PlanCore
import PlanFiles
import PlanServices
import Testing
import ZIPFoundation

/// Files of reported figures: CSV in UTF-8 or GBK, XLSX, the template, and every way a file can
/// be wrong.
@Suite struct ReportFileTests {
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)
    static let csv = """
        indicator_key,period,value,unit,comment,explanation
        gdp,2025,"13,500.5",亿元,统计公报,
        pm25,2025,36,,“十四五”目标,

        resident_population,2025,950.2,万人,,
        """

    @Test func readsUTF8WithAndWithoutBOM() throws {
        for data in [Data(Self.csv.utf8), Data([0xEF, 0xBB, 0xBF]) + Data(Self.csv.utf8)] {
            let (format, rows) = try ReportFile.parse(data)
            #expect(format == .csvUTF8)
            #expect(rows.map(\.indicatorKey) == ["gdp", "pm25", "resident_population"], "blank lines are skipped")
            #expect(rows.map(\.line) == [2, 3, 5])
            #expect(rows[0].value == "13,500.5" && rows[0].unit == "亿元" && rows[0].comment == "统计公报")
        }
    }

    @Test func readsGBK() throws {
        let data = try #require(Self.csv.data(using: Self.gb18030))
        #expect(String(data: data, encoding: .utf8) == nil, "the sample really is not UTF-8")
        let (format, rows) = try ReportFile.parse(data)
        #expect(format == .csvGBK && rows[1].comment == "“十四五”目标" && rows[0].unit == "亿元")
    }

    @Test func headersMayBeChineseKeysOrBoth() throws {
        for header in ["指标代码,期别,数值", "指标代码(indicator_key),期别（period）,数值 (value)", "Indicator_Key,PERIOD,Value"] {
            let (_, rows) = try ReportFile.parse(Data("\(header)\ngdp,2025,1\n".utf8))
            #expect(rows == [ReportRow(line: 2, indicatorKey: "gdp", period: "2025", value: "1")], "\(header)")
        }
    }

    @Test func refusesWhatItCannotRead() throws {
        var random = SystemRandomNumberGenerator()
        let binary = Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &random) })
        #expect(throws: ReportFileError.unreadable) { try ReportFile.parse(binary) }
        #expect(throws: ReportFileError.unreadable) { try ReportFile.parse(Data("指标".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })) }
        #expect(throws: ReportFileError.empty) { try ReportFile.parse(Data()) }
        #expect(throws: ReportFileError.empty) { try ReportFile.parse(Data("indicator_key,period,value\n".utf8)) }
        #expect(throws: ReportFileError.missingColumns(missing: ["数值(value)"], found: ["indicator_key", "period", "amount"])) {
            try ReportFile.parse(Data("indicator_key,period,amount\ngdp,2025,1\n".utf8))
        }
        let huge = "indicator_key,period,value,comment\ngdp,2025,1,\(String(repeating: "长", count: 10_001))\n"
        #expect(throws: ReportFileError.cellTooLong(line: 2, length: 10_001)) { try ReportFile.parse(Data(huge.utf8)) }
        // A truncated quoted field swallows the rest of the file: still a clear error, not a crash.
        let truncated = "indicator_key,period,value,comment\ngdp,2025,1,\"" + String(repeating: "x", count: 20_000)
        #expect(throws: ReportFileError.cellTooLong(line: 2, length: 20_000)) { try ReportFile.parse(Data(truncated.utf8)) }
        // One row over the limit: refused whole, not cut.
        var many = "indicator_key,period,value\n"
        many.reserveCapacity(2_500_000)
        for _ in 0...ReportFile.maxRows { many += "gdp,2025,1\n" }
        #expect(throws: ReportFileError.tooManyRows(limit: ReportFile.maxRows)) { try ReportFile.parse(Data(many.utf8)) }
        let messages = [
            ReportFileError.unreadable, .empty, .noValues, .missingColumns(missing: ["数值(value)"], found: []), .cellTooLong(line: 2, length: 9),
            .tooManyRows(limit: 5),
        ]
        for e in messages { #expect(!e.zh.isEmpty && !e.en.isEmpty) }
    }

    @Test func xlsxTemplatesRoundTrip() throws {
        let indicator = Indicator(
            key: "gdp", nameZh: "地区生产总值", nameEn: "GDP", unit: "亿元", polarity: .higher, form: .multiplicative, aggregation: .sum,
            definitionZh: "", definitionEn: "")
        let lines = [
            ReportFile.TemplateLine(indicator: indicator, period: Period(year: 2025), value: 13_500.5, comment: "统计公报"),
            ReportFile.TemplateLine(indicator: indicator, period: Period(year: 2024)),
        ]
        let xlsx = try ReportFile.templateXLSX(lines)
        let (format, rows) = try ReportFile.parse(xlsx)
        #expect(format == .xlsx)
        #expect(rows.map(\.value) == ["13500.5"] && rows.map(\.period) == ["2025"] && rows[0].comment == "统计公报", "the unfilled line is skipped")
        #expect(try XLSXReader.sheetNames(xlsx) == ["填报"])
        #expect(throws: ReportFileError.xlsx(XLSXError(.sheetNotFound(name: "Sheet9", available: ["填报"])))) {
            try ReportFile.parse(xlsx, sheet: "Sheet9")
        }
        let csv = ReportFile.templateCSV(lines)
        #expect(csv.starts(with: [0xEF, 0xBB, 0xBF]), "a byte-order mark, so Excel opens the Chinese text")
        let (_, fromCSV) = try ReportFile.parse(csv)
        #expect(fromCSV.map(\.value) == ["13500.5"] && fromCSV[0].indicatorKey == "gdp")
        #expect(throws: ReportFileError.noValues) { try ReportFile.parse(ReportFile.templateCSV([lines[1]])) }
        #expect(String(decoding: csv, as: UTF8.self).contains("指标代码(indicator_key),指标名称(indicator_name),期别(period),数值(value)"))
    }

    @Test func hostileWorkbooksGetClearErrors() throws {
        // A zip bomb disguised as XLSX: 100 MB of zeros in one entry.
        let bomb = try Archive(accessMode: .create)
        let size = 100 << 20
        try bomb.addEntry(with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: Int64(size), compressionMethod: .deflate) {
            position, chunk in
            Data(count: min(chunk, size - Int(position)))
        }
        let bombData = try #require(bomb.data)
        #expect(bombData.count < 1 << 20)
        #expect(throws: ReportFileError.xlsx(XLSXError(.tooLarge(limitBytes: 64 << 20)))) { try ReportFile.parse(bombData) }
        // Half a real workbook.
        let indicator = Indicator(
            key: "gdp", nameZh: "x", nameEn: "x", unit: "亿元", polarity: .higher, form: .additive, aggregation: .sum, definitionZh: "",
            definitionEn: "")
        let good = try ReportFile.templateXLSX([ReportFile.TemplateLine(indicator: indicator, period: Period(year: 2025))])
        do {
            _ = try ReportFile.parse(good.prefix(good.count / 2))
            Issue.record("a truncated workbook must fail")
        } catch {
            guard case .xlsx = error else {
                Issue.record("expected an XLSX error, got \(error)")
                return
            }
            #expect(!error.zh.isEmpty)
        }
    }
}
