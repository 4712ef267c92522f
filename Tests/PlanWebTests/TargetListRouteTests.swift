import Foundation
import Hummingbird
import HummingbirdTesting
import PlanCore
import PlanServices
import PlanWeb
import Testing

/// `/targets`: what is off track, by status and by what a target lacks; linked from the overview.
@Suite struct TargetListRouteTests {
    /// The target ids listed on a page, in order.
    static func ids(_ html: String) -> [String] {
        guard let body = html.range(of: "<tbody>"), let end = html.range(of: "</tbody>", range: body.upperBound..<html.endIndex) else { return [] }
        let table = html[body.upperBound..<end.lowerBound]
        var out: [String] = []
        var rest = table[...]
        while let r = rest.range(of: "<a href=\"/targets/") {
            let after = rest[r.upperBound...]
            guard let q = after.firstIndex(of: "\"") else { break }
            out.append(String(after[..<q]))
            rest = after[q...]
        }
        return out
    }

    @Test func everyTargetIsListedAndFiltersNarrowTheList() async throws {
        try await WebFixture.test { client in
            let all = try await client.execute(uri: "/targets", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("目标一览") && response.text.contains("共 257 项（全部 257 项）"))
                return Self.ids(response.text)
            }
            #expect(all.count == 257 && Set(all).count == 257)
            // Achieved: only achieved targets, each marked so.
            try await client.execute(uri: "/targets?status=achieved", method: .get) { response in
                let ids = Self.ids(response.text)
                #expect(!ids.isEmpty && ids.count < 257)
                let table = response.text.components(separatedBy: "</tbody>")[0]
                #expect(table.components(separatedBy: "<span class=\"status status-achieved\">").count - 1 == ids.count)
                #expect(response.text.contains("<option value=\"achieved\" selected>"))
            }
            // Not assessable for lack of any data, in chapter 5, binding only.
            try await client.execute(uri: "/targets?status=not_assessable&reason=no_data&chapter=5&binding=yes", method: .get) { response in
                let ids = Self.ids(response.text)
                #expect(response.status == .ok && !ids.isEmpty)
                #expect(ids.allSatisfy { $0.hasPrefix("A0") || $0.hasPrefix("C05") })
                #expect(response.text.contains("<td>无数据</td>"))
            }
            // One indicator.
            try await client.execute(uri: "/targets?indicator=pm25", method: .get) { response in
                #expect(Self.ids(response.text) == ["A070-1"])
            }
            // Nothing matches: said in words.
            try await client.execute(uri: "/targets?indicator=pm25&status=seriously_behind", method: .get) { response in
                #expect(response.status == .ok && response.text.contains("没有符合条件的目标。"))
            }
        }
    }

    @Test func sortingPutsTheLeastFavourableFirstAndNotAssessableLast() async throws {
        try await WebFixture.test { client in
            try await client.execute(uri: "/targets?sort=status&lang=en", method: .get) { response in
                let html = response.text
                let order = ["moving_away", "slipped", "seriously_behind", "behind", "compliant_at_risk", "on_track", "achieved", "not_assessable"]
                var last = -1
                var rest = html[...]
                while let r = rest.range(of: "<td><span class=\"status status-") {
                    let after = rest[r.upperBound...]
                    let code = String(after.prefix { $0 != "\"" })
                    let position = try #require(order.firstIndex(of: code))
                    #expect(position >= last, "\(code) after a less favourable one")
                    last = position
                    rest = after
                }
                #expect(last == order.count - 1)
            }
        }
    }

    @Test func badFiltersAre400sInTheUsersLanguage() async throws {
        try await WebFixture.test { client in
            for uri in ["/targets?status=great", "/targets?chapter=99", "/targets?region=999999", "/targets?binding=maybe", "/targets?as_of=1800"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .badRequest, "\(uri)")
                }
            }
        }
    }

    @Test func theOverviewLinksEveryCountToTheListAndSaysWhatIsMissing() async throws {
        try await WebFixture.test { client in
            try await client.execute(uri: "/", method: .get) { response in
                let html = response.text
                for status in EvaluationStatus.allCases {
                    #expect(html.contains("href=\"/targets?status=\(status.code)\""), "\(status)")
                }
                #expect(html.contains("class=\"status-bar\""))
                #expect(html.contains("项无法评估，缺少："))
                #expect(
                    html.contains("href=\"/targets?status=not_assessable&amp;reason=no_data\"")
                        || html.contains("href=\"/targets?status=not_assessable&reason=no_data\""))
                #expect(html.contains("<dl class=\"status-legend\">") && html.contains("最新数据已达到目标。"))
                // No chapter can be scored with the bundled data: one sentence, not eleven rows.
                #expect(html.contains("各章可评估目标均不足三分之二") && !html.contains("<table class=\"index\">"))
                #expect(html.contains("<select name=\"as_of\">"))
            }
            // Another evaluation year: chosen, shown, and carried into the links.
            try await client.execute(uri: "/?as_of=2023", method: .get) { response in
                #expect(response.text.contains("评估年份 2023") && response.text.contains("<option value=\"2023\" selected>"))
                #expect(response.text.contains("status=achieved&amp;as_of=2023") || response.text.contains("status=achieved&as_of=2023"))
            }
        }
    }

    @Test func anUnassessableTargetSaysWhatItLacksAndWhatWouldUnlockIt() async throws {
        try await WebFixture.test { client in
            // A049-1: renewables only, computed from an input with no bundled value.
            try await client.execute(uri: "/targets/A049-1", method: .get) { response in
                #expect(response.text.contains("为什么无法评估") && response.text.contains("缺少：无数据。"))
                #expect(response.text.contains("需要该指标在本地区的数据"))
            }
            try await client.execute(uri: "/targets/A049-1?lang=en", method: .get) { response in
                #expect(response.text.contains("Missing: no data.") && response.text.contains("Needs values of the indicator"))
            }
            try await client.execute(uri: "/targets/A003-1", method: .get) { response in
                #expect(!response.text.contains("为什么无法评估"))
            }
        }
    }

    @Test func searchFindsPM25HoweverItIsTypedAndThePlanShowsRealSubscripts() async throws {
        try await WebFixture.test { client in
            for q in ["PM2.5", "PM%E2%82%82.%E2%82%85", "%EF%BC%B0%EF%BC%AD2.5"] {
                try await client.execute(uri: "/search?q=\(q)", method: .get) { response in
                    #expect(response.text.contains("href=\"/targets/A070-1\""), "\(q)")
                    #expect(response.text.contains("href=\"/articles/70\""), "\(q)")
                    #expect(response.text.contains("<mark>PM<sub>2.5</sub></mark>"), "\(q)")
                }
            }
            try await client.execute(uri: "/articles/70", method: .get) { response in
                #expect(response.text.contains("PM<sub>2.5</sub>") && !response.text.contains("PM_{2.5}"))
            }
            try await client.execute(uri: "/targets/A070-1", method: .get) { response in
                #expect(response.text.contains("细颗粒物(PM<sub>2.5</sub>)浓度达到38微克/立方米"))
            }
        }
    }
}
