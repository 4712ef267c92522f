import Foundation
import Testing

@testable import PlanServices

/// Search matches what a reader types, whatever the width, the subscripts or the plan's markup.
@Suite struct SearchTextTests {
    @Test(arguments: ["PM2.5", "pm2.5", "PM₂.₅", "ＰＭ２．５", "PM_{2.5}", "PM 2.5"])
    func everySpellingOfPM25FindsThePlansMarkup(_ query: String) throws {
        let text = "细颗粒物(PM_{2.5})浓度达到38微克/立方米"
        let r = try #require(SearchText.range(of: query, in: text))
        #expect(text[r] == "PM_{2.5}")
    }

    @Test func foldingIgnoresWidthCaseSpacesAndMarkup() {
        #expect(SearchText.fold("ＰＭ₂.₅ 浓度") == "pm2.5浓度")
        #expect(SearchText.fold("CO_{2}排放") == "co2排放")
        #expect(SearchText.fold("10^{4}") == "104")
        #expect(SearchText.fold("   ").isEmpty)
    }

    @Test func aMissIsNil() {
        #expect(SearchText.range(of: "PM10", in: "细颗粒物(PM_{2.5})浓度") == nil)
        #expect(SearchText.range(of: "", in: "anything") == nil)
        #expect(SearchText.range(of: "长长长长长长长长", in: "长") == nil)
    }
}
