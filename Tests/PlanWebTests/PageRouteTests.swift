import Foundation
import Hummingbird
import HummingbirdTesting
import PlanCore
import PlanServices
import PlanWeb
import Testing

/// Every page route, in both languages, and its errors.
@Suite struct PageRouteTests {
    @Test func everyPageRendersInChineseByDefault() async throws {
        try await WebFixture.test { client in
            let pages: [(String, String)] = [
                ("/", "先行区建设进展总览"), ("/plan", "推动高水平科技自立自强"), ("/chapters/2", "加强战略科技力量建设"),
                ("/articles/3", "完善四级实验室体系"), ("/targets/A003-1", "全国重点实验室数量"), ("/targets/C02-2", "无法评估"),
                ("/indicators", "全社会研发经费投入强度"), ("/indicators/pm25", "细颗粒物"), ("/regions/370100", "济南市"),
                ("/regions/370000", "山东省"), ("/cities", "城市比较"), ("/search?q=%E7%A0%94%E5%8F%91", "研发"),
                ("/search", "搜索"),
            ]
            for (path, expected) in pages {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .ok, "\(path)")
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(path)")
                    #expect(response.text.contains("<html lang=\"zh-CN\">"), "\(path)")
                    #expect(response.text.contains(expected), "\(path): \(expected)")
                }
            }
        }
    }

    @Test func englishBySwitchOrAcceptLanguage() async throws {
        try await WebFixture.test { client in
            try await client.execute(uri: "/?lang=en", method: .get) { response in
                #expect(response.text.contains("<html lang=\"en\">") && response.text.contains("Where the pilot zone stands"))
                #expect(response.headers[.setCookie]?.hasPrefix("lang=en") == true)
                #expect(response.text.contains("href=\"/?lang=zh\""))
            }
            try await client.execute(uri: "/plan", method: .get, headers: [.acceptLanguage: "en-US,en;q=0.9,zh;q=0.5"]) { response in
                #expect(response.text.contains("<html lang=\"en\">"))
            }
            try await client.execute(uri: "/plan", method: .get, headers: [.cookie: "lang=en"]) { response in
                #expect(response.text.contains("<html lang=\"en\">"))
            }
            try await client.execute(uri: "/plan", method: .get, headers: [.acceptLanguage: "zh-CN,zh;q=0.9,en;q=0.8"]) { response in
                #expect(response.text.contains("<html lang=\"zh-CN\">"))
            }
        }
    }

    @Test func overviewShowsStatusMarksCoverageAndTheIndex() async throws {
        try await WebFixture.test { client in
            try await client.execute(uri: "/", method: .get) { response in
                let html = response.text
                #expect(html.contains("257 项目标中 12 项可评估"))
                #expect(html.contains("status status-achieved"))
                #expect(html.contains("/targets/A070-1"))
                #expect(html.contains("目标进展指数"))
                #expect(html.contains("3.5万家"))  // high-tech enterprises, stored in 万家
            }
        }
    }

    @Test func articlePhrasesAreMarkedAndLinked() async throws {
        try await WebFixture.test { client in
            try await client.execute(uri: "/articles/3", method: .get) { response in
                #expect(response.text.contains("<mark class=\"target\" id=\"q-A003-1\"><a href=\"/targets/A003-1\">力争2025年全国重点实验室达到30家</a></mark>"))
            }
        }
    }

    @Test func targetPageHasTheChartTheExplanationAndSources() async throws {
        try await WebFixture.test { client in
            try await client.execute(uri: "/targets/A003-1", method: .get) { response in
                let html = response.text
                #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart series-chart\""))
                #expect(html.contains("任务进度"))
                #expect(html.contains("为什么是这个状态"))
                #expect(html.contains("2024年山东省政府工作报告"), "the source is named in full")
                #expect(html.contains("力争2025年全国重点实验室达到30家"))
            }
        }
    }

    @Test func unknownPagesAre404InTheUsersLanguage() async throws {
        try await WebFixture.test { client in
            for path in ["/nope", "/targets/NOPE", "/articles/999", "/articles/abc", "/chapters/0", "/indicators/x", "/regions/999999"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .notFound, "\(path)")
                    #expect(response.text.contains("页面不存在"), "\(path)")
                }
            }
            try await client.execute(uri: "/nope?lang=en", method: .get) { response in
                #expect(response.status == .notFound && response.text.contains("Page not found"))
            }
        }
    }

    @Test func citiesAreComparedInOneYearAndSizesAreNotRanked() async throws {
        try await WebFixture.test { client in
            // Two cities published GDP for 2022 and for 2023: the later of the best-covered years.
            try await client.execute(uri: "/cities?indicator=gdp", method: .get) { response in
                let html = response.text
                #expect(response.status == .ok)
                #expect(html.contains("<option value=\"2023\" selected>"))
                #expect(html.contains("2023年（2/16 个城市有数据）"))
                #expect(html.contains("无该年数据"))
                #expect(html.contains("颜色越深数值越大") && !html.contains("颜色越深表现越好"))
                #expect(html.contains("因此不排名") && !html.contains("<table class=\"ranking\">"))
            }
            try await client.execute(uri: "/cities?indicator=gdp&year=2024&lang=en", method: .get) { response in
                #expect(response.status == .ok && response.text.contains("2024 (1 of 16 cities reported)"))
                #expect(response.text.contains("darker means larger"))
            }
            try await client.execute(uri: "/cities?indicator=gdp&year=2019", method: .get) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test func badParametersAre400Pages() async throws {
        try await WebFixture.test { client in
            try await client.execute(uri: "/cities?indicator=nope", method: .get) { response in
                #expect(response.status == .badRequest && response.text.contains("请求有误"))
            }
            let long = String(repeating: "a", count: 200)
            try await client.execute(uri: "/search?q=\(long)", method: .get) { response in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test func healthAndStaticFiles() async throws {
        try await WebFixture.test { client in
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok && response.text.contains("\"data_version\":1"))
            }
            try await client.execute(uri: "/static/style.css", method: .get) { response in
                #expect(response.status == .ok && response.text.contains("@media print"))
            }
        }
    }

    /// Pages are cached per data version: a change of data is on the pages served once the next
    /// snapshot is built (within 2 s).
    @Test func cachedPagesFollowTheData() async throws {
        try await WebFixture.withRouter { router, store in
            try await Application(router: router).test(.router) { client in
                for _ in 0..<2 {
                    try await client.execute(uri: "/targets/C02-2", method: .get) { #expect($0.text.contains("status status-not_assessable big")) }
                }
                _ = try await store.upsert([
                    Observation(
                        indicatorKey: "rd_intensity", regionCode: "370000", period: Period(year: 2024), value: 2.6,
                        provenance: Provenance(source: "test"))
                ])
                let seen = try await WebFixture.eventually {
                    try await client.execute(uri: "/targets/C02-2", method: .get) { $0.text.contains("status status-achieved big") }
                }
                #expect(seen, "the change is on the page within 2 s")
                try await client.execute(uri: "/", method: .get) { #expect($0.text.contains("数据版本 2")) }
            }
        }
    }
}
