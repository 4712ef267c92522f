import Foundation
import PlanFiles
import Testing

@Suite struct TextDecodingTests {
    @Test func readsUTF8WithOrWithoutBOM() throws {
        let text = "指标,数值\n研发,2.6\n"
        #expect(TextDecoding.decode(Data(text.utf8))?.text == text)
        #expect(TextDecoding.decode(Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)))?.encoding == .utf8)
    }

    @Test func readsGBK() throws {
        // "山东省统计局" in GBK.
        let gbk: [UInt8] = [0xC9, 0xBD, 0xB6, 0xAB, 0xCA, 0xA1, 0xCD, 0xB3, 0xBC, 0xC6, 0xBE, 0xD6]
        let decoded = try #require(TextDecoding.decode(Data(Array("source,".utf8) + gbk + [0x0A])))
        #expect(decoded.encoding == .gb18030)
        #expect(decoded.text == "source,山东省统计局\n")
    }

    @Test func refusesBinary() {
        #expect(TextDecoding.decode(Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x01, 0xFF, 0xFE])) == nil)
    }
}

@Suite struct SpreadsheetTextTests {
    @Test(arguments: ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
    func formulaStartsGetAnApostropheAndComeBack(text: String) {
        #expect(SpreadsheetText.neutralized(text) == "'" + text)
        #expect(SpreadsheetText.restored(SpreadsheetText.neutralized(text)) == text)
    }

    @Test func plainTextIsLeftAlone() {
        for text in ["", "山东", "12.5", "'quoted", "a=b"] {
            #expect(SpreadsheetText.neutralized(text) == text)
            #expect(SpreadsheetText.restored(text) == text)
        }
    }
}
