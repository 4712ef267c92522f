import Foundation
import Testing

@testable import PlanCharts

@Suite struct ChartTests {
    let labels = SeriesChart.Labels(observed: "实际值", target: "目标值", trajectory: "规划路径", projection: "预测", base: "基期")

    @Test func seriesChartDrawsEveryLayer() {
        let chart = SeriesChart(
            observations: [.init(year: 2022, value: 2.31), .init(year: 2023, value: 2.4)], base: .init(year: 2022, value: 2.31),
            targetLevel: 2.6, deadline: 2025,
            trajectory: [.init(year: 2022, value: 2.31), .init(year: 2025, value: 2.6)],
            projection: (from: .init(year: 2023, value: 2.4), central: 2.58, low: 2.5, high: 2.66), unit: "%",
            title: "研发经费投入强度 <R&D>", labels: labels)
        let svg = chart.svg()
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.hasSuffix("</svg>"))
        for cls in ["class=\"observed\"", "class=\"band\"", "class=\"projection\"", "class=\"trajectory\"", "class=\"target\"", "class=\"base\""] {
            #expect(svg.contains(cls), "\(cls)")
        }
        #expect(svg.contains("研发经费投入强度 &lt;R&amp;D&gt;"))
        #expect(svg.components(separatedBy: "class=\"observation\"").count - 1 == 2)
        #expect(svg.contains(">2025</text>") && svg.contains(">2022</text>"))
    }

    @Test func aChartWithoutDataStillRenders() {
        let chart = SeriesChart(
            observations: [], base: nil, targetLevel: 30, deadline: 2025, trajectory: [], projection: nil, unit: "家",
            title: "t", labels: labels)
        let svg = chart.svg()
        #expect(svg.contains("class=\"target\"") && !svg.contains("nan") && !svg.contains("inf"))
    }

    @Test func aBandIsDrawnAsABandAndTheLegendListsOnlyWhatIsDrawn() {
        var chart = SeriesChart(
            observations: [.init(year: 2022, value: 12.1), .init(year: 2023, value: 12.6)], base: nil, targetLevel: 12.5, deadline: 2025,
            trajectory: [], projection: nil, unit: "%", title: "t", labels: labels)
        chart.targetBand = 12.5...13.5
        let svg = chart.svg()
        #expect(svg.contains("class=\"target-band\"") && !svg.contains("<line class=\"target\""))
        #expect(svg.contains("swatch target-band") && svg.contains("swatch observation"))
        #expect(!svg.contains("swatch projection") && !svg.contains("swatch trajectory") && !svg.contains("swatch base"))
    }

    @Test func tileMapPlacesSixteenCities() {
        let tiles = TileMap.shandong.keys.sorted().enumerated().map { i, code in
            TileMap.Tile(code: code, name: "市\(i)", label: "\(i)", shade: i == 0 ? nil : Double(i) / 16, href: "/regions/\(code)")
        }
        let svg = TileMap(tiles: tiles, title: "城市").svg()
        #expect(svg.components(separatedBy: "<rect").count - 1 == 16)
        #expect(svg.contains("no-data") && svg.contains("shade-4"))
        #expect(Set(TileMap.shandong.values.map { "\($0.row),\($0.column)" }).count == 16)
    }

    @Test func niceTicks() {
        #expect(AxisTicks.ticks(low: 0, high: 100) == [0, 50, 100])
        #expect(AxisTicks.ticks(low: 2.2, high: 2.7).first! <= 2.2)
        #expect(AxisTicks.label(2.5, step: 0.1) == "2.5")
    }

    @Test func rankChart() {
        let svg = RankBandChart(rows: [.init(name: "济南", rank: 1, low: 1, high: 3)], count: 16, title: "排名").svg()
        #expect(svg.contains("rank-band") && svg.contains("济南"))
    }
}

@Suite struct ChartRobustnessTests {
    @Test func hugeAndNonFiniteValuesNeverTrap() {
        let labels = SeriesChart.Labels(observed: "o", target: "t", trajectory: "p", projection: "x", base: "b")
        let chart = SeriesChart(
            observations: [.init(year: 2022, value: 1e19), .init(year: 2023, value: -1e300)], base: nil, targetLevel: .infinity,
            deadline: 2025, trajectory: [], projection: (from: .init(year: 2023, value: 1), central: .nan, low: -.infinity, high: .infinity),
            unit: "元", title: "t", labels: labels)
        #expect(chart.svg().hasSuffix("</svg>"))
        let map = TileMap(tiles: [TileMap.Tile(code: "370100", name: "济南", label: "x", shade: .nan, href: "/")], title: "t")
        #expect(map.svg().contains("no-data"))
    }
}
