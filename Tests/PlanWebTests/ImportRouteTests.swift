import Foundation
import Hummingbird
import HummingbirdTesting
import PlanCatalog
import PlanCore
import PlanFiles
import PlanServices
import PlanStore
import PlanWeb
import Testing
import ZIPFoundation

/// Imports over the pages and the API: preview then confirm, re-import, encodings, and bad files
/// that must get a clear error and leave the data alone.
@Suite struct ImportRouteTests {
    static let csv = "指标代码,期别,数值,计量单位,备注\ngdp,2025,\"13,500.5\",亿元,统计公报\nresident_population,2025,950.2,万人,\npm25,2025,36,,\n"

    @Test func previewThenConfirmThenReimportChangesNothing() async throws {
        try await WebFixture.withRouter { router, store in
            let rep = try await Reporting.user(store, "jn.rep", .reporter, "370100")
            try await Application(router: router).test(.router) { client in
                let gbk = try #require(Self.csv.data(using: String.Encoding(rawValue: 0x8000_0632)))
                let (body, type) = Reporting.multipart(file: gbk, name: "济南2025.csv", fields: [("_csrf", rep.csrf), ("mode", "preview")])
                var headers = rep.browser
                headers[.contentType] = type
                let staging = try await client.execute(uri: "/units/370100/import", method: .post, headers: headers, body: body) { response in
                    #expect(response.status == .ok)
                    #expect(response.text.contains("预览结果（尚未写入，CSV (GBK/GB18030)）"))
                    #expect(response.text.components(separatedBy: "class=\"outcome-new\"").count - 1 == 3)
                    let text = response.text
                    let marker = try #require(text.range(of: "/units/370100/import/"))
                    return String(text[marker.upperBound...].prefix(32))
                }
                #expect(try await store.reportValues(unit: "370100", period: nil).isEmpty, "a preview writes nothing")
                try await client.execute(
                    uri: "/units/370100/import/\(staging)", method: .post, headers: rep.browser, body: Reporting.form([("_csrf", rep.csrf)])
                ) { response in
                    #expect(response.status == .ok && response.text.contains("已导入"))
                    #expect(response.text.contains("href=\"/units/370100/periods/2025\">去提交 2025 期审核"), "the import leads on to submitting")
                }
                #expect(try await store.reportValues(unit: "370100", period: nil).map(\.value).sorted() == [36, 950.2, 13_500.5])
                try await client.execute(
                    uri: "/units/370100/import/\(staging)", method: .post, headers: rep.browser, body: Reporting.form([("_csrf", rep.csrf)])
                ) {
                    #expect($0.status == .conflict && $0.text.contains("预览已过期"), "a staged file is used once")
                }
                // The same file again through the API: every row unchanged, no new revision.
                var api = rep.bearer
                api[.contentType] = "text/csv"
                try await client.execute(
                    uri: "/api/v1/units/370100/imports?filename=again.csv", method: .post, headers: api, body: ByteBuffer(bytes: gbk)
                ) { response in
                    let result = Reporting.object(response)
                    #expect(
                        response.status == .ok && result["unchanged"] as? Int == 3 && result["new"] as? Int == 0
                            && result["format"] as? String == "CSV (GBK/GB18030)")
                }
                #expect(try await store.revisions(unit: "370100", period: Period(year: 2025)).count == 3)
                let imports = try await store.audit(AuditQuery(action: "import")).entries
                #expect(imports.map(\.after) == ["new=0 changed=0 unchanged=3", "new=3 changed=0 unchanged=0"])
                // The template downloads as CSV and XLSX with the unit's due indicators.
                try await client.execute(uri: "/units/370100/template.xlsx", method: .get, headers: [.cookie: rep.cookie]) { response in
                    #expect(response.headers[.contentDisposition]?.contains("plantrack-370100.xlsx") == true)
                    let rows = try XLSXReader.read(Data(buffer: response.body))
                    #expect(rows.count == 7 && rows[0].cells[0] == "指标代码(indicator_key)")
                    #expect(rows.dropFirst().contains { $0.cells[0] == "gdp" && $0.cells[2] == "2025" && $0.cells[3] == "13500.5" })
                }
            }
        }
    }

    @Test func badFilesGetClearErrorsAndChangeNothing() async throws {
        try await WebFixture.withRouter { router, store in
            let rep = try await Reporting.user(store, "jn.rep", .reporter, "370100")
            try await Application(router: router).test(.router) { client in
                var headers = rep.bearer
                headers[.contentType] = "application/octet-stream"
                func post(_ data: Data, _ query: String = "") async throws -> (HTTPResponse.Status, [String: Any]) {
                    try await client.execute(
                        uri: "/api/v1/units/370100/imports\(query)", method: .post, headers: headers, body: ByteBuffer(bytes: data)
                    ) {
                        ($0.status, Reporting.object($0))
                    }
                }
                // A zip bomb disguised as XLSX.
                let bomb = try Archive(accessMode: .create)
                let size = 200 << 20
                try bomb.addEntry(with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: Int64(size), compressionMethod: .deflate) {
                    position, chunk in
                    Data(count: min(chunk, size - Int(position)))
                }
                var (status, problem) = try await post(try #require(bomb.data))
                #expect(status == .unprocessableContent && (problem["detail_zh"] as? String)?.contains("压缩炸弹") == true)
                // Formulas and merged cells.
                let formula = try Self.workbook(
                    sheet:
                        "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>indicator_key</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>period</t></is></c><c r=\"C1\" t=\"inlineStr\"><is><t>value</t></is></c></row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>gdp</t></is></c><c r=\"B2\"><v>2025</v></c><c r=\"C2\"><f>SUM(D1:D9)</f><v>13500</v></c></row></sheetData>"
                )
                (status, problem) = try await post(formula)
                #expect(status == .unprocessableContent && (problem["detail_zh"] as? String)?.contains("C2") == true)
                let merged = try Self.workbook(
                    sheet:
                        "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>indicator_key</t></is></c></row></sheetData><mergeCells count=\"1\"><mergeCell ref=\"A1:C1\"/></mergeCells>"
                )
                (status, problem) = try await post(merged)
                #expect(status == .unprocessableContent && (problem["detail_zh"] as? String)?.contains("A1:C1") == true)
                // A sheet in UTF-16, which could hide a DOCTYPE from a byte search.
                let utf16 = try Self.workbook(
                    sheet: "",
                    sheetData: Data(
                        "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><worksheet/>".utf16.flatMap {
                            [UInt8($0 & 0xFF), UInt8($0 >> 8)]
                        }))
                (status, problem) = try await post(utf16)
                #expect(status == .unprocessableContent && (problem["detail"] as? String)?.contains("UTF-8") == true)
                // A row number past Excel's last row, then a row that would count on from it.
                let beyond = try Self.workbook(
                    sheet:
                        "<sheetData><row r=\"1048576\"><c r=\"A1048576\" t=\"inlineStr\"><is><t>x</t></is></c></row><row><c t=\"inlineStr\"><is><t>y</t></is></c></row></sheetData>"
                )
                (status, problem) = try await post(beyond)
                #expect(status == .unprocessableContent && (problem["detail"] as? String)?.contains("row") == true)
                let huge = try Self.workbook(
                    sheet:
                        "<sheetData><row r=\"9223372036854775807\"><c t=\"inlineStr\"><is><t>x</t></is></c></row><row><c t=\"inlineStr\"><is><t>y</t></is></c></row></sheetData>"
                )
                (status, problem) = try await post(huge)
                #expect(status == .unprocessableContent && (problem["detail"] as? String)?.contains("row number") == true)
                // Wrong encoding, wrong columns, invalid rows, truncated workbook.
                (status, problem) = try await post(Data("indicator_key,period,value\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))
                #expect(status == .unprocessableContent && (problem["detail_zh"] as? String)?.contains("UTF-8 或 GBK") == true)
                (status, problem) = try await post(Data("code,year,amount\ngdp,2025,1\n".utf8))
                #expect(status == .unprocessableContent && (problem["detail_zh"] as? String)?.contains("缺少必需的列") == true)
                (status, problem) = try await post(
                    Data("indicator_key,period,value\ngdp,2025,1\nnope,2025,1\ngdp,2099,1\nresident_population,2025,-3\n".utf8))
                #expect(status == .unprocessableContent && (problem["errors"] as? [[String: Any]])?.map { $0["line"] as? Int } == [3, 4, 5])
                let template = try ReportFile.templateXLSX([])
                (status, _) = try await post(template.prefix(template.count - 40))
                #expect(status == .unprocessableContent)
                // Too large a body: 413.
                try await client.execute(
                    uri: "/api/v1/units/370100/imports", method: .post, headers: headers,
                    body: ByteBuffer(repeating: 0x41, count: WebLimits.maxUploadBytes + 1)
                ) {
                    #expect($0.status == .contentTooLarge)
                }
                // A malformed multipart upload on the page.
                var form = rep.browser
                form[.contentType] = "multipart/form-data; boundary=xyz"
                try await client.execute(
                    uri: "/units/370100/import", method: .post, headers: form,
                    body: ByteBuffer(string: "--xyz\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\nabc")
                ) {
                    #expect($0.status == .badRequest || $0.status == .forbidden)
                }
                #expect(try await store.reportValues(unit: "370100", period: nil).isEmpty, "nothing was written by any bad file")
                try await client.execute(uri: "/readyz", method: .get) { #expect($0.status == .ok) }
            }
        }
    }

    /// A minimal workbook around a given sheet body.
    static func workbook(sheet: String, sheetData: Data? = nil) throws -> Data {
        let archive = try Archive(accessMode: .create)
        let parts: [(String, String)] = [
            (
                "[Content_Types].xml",
                "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>"
            ),
            (
                "xl/workbook.xml",
                "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
            ),
            (
                "xl/_rels/workbook.xml.rels",
                "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"
            ),
            (
                "xl/worksheets/sheet1.xml",
                "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\(sheet)</worksheet>"
            ),
        ]
        for (path, text) in parts {
            let data = path.hasSuffix("sheet1.xml") ? sheetData ?? Data(text.utf8) : Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try #require(archive.data)
    }
}
