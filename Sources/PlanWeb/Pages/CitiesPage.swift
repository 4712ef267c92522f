import Foundation
import PlanCharts
import PlanCore
import PlanServices

/// The 16 cities: a schematic tile map of one indicator, the ranking with its uncertainty band,
/// and the three economic circles.
struct CitiesPage {
    struct Model {
        var heading, indicatorLabel, show, map, mapCaption, rankingHeading, rankingNote, rankChart, circlesHeading: String
        var choices: [Choice]
        var hasRanking: Bool
        var ranking: [RankRow]
        var circles: [Circle]
        var col: [String: String]
    }

    struct Choice {
        var key, name: String
        var selected: Bool
    }

    struct RankRow {
        var rank: Int
        var code, name, score, median, band: String
    }

    struct Circle {
        var name: String
        var members: [IndicatorRegionPages.Child]
        var hasTargets: Bool
        var targets: [TargetRow]
    }

    static func model(
        snapshot: PlanService.Snapshot, ranking: Ranking, evaluations: [String: TargetEvaluation], indicatorKey: String?,
        language: Language
    ) throws -> Model {
        let plan = snapshot.plan
        let t = language.t
        let cities = plan.regions.filter { $0.level == .city }
        let cityCodes = Set(cities.map(\.code))
        // Indicators with values for at least one city; the chosen one, or the first.
        let withCityData = plan.indicators.filter { i in cityCodes.contains { !snapshot.index[i.key, $0].isEmpty } }
        if let indicatorKey, !withCityData.contains(where: { $0.key == indicatorKey }) {
            throw ServiceError.badParameter(name: "indicator", message: t("没有城市数据的指标 \(indicatorKey)", "no city data for \(indicatorKey)"))
        }
        let chosen = withCityData.first { $0.key == indicatorKey } ?? withCityData.first
        var values: [String: Double] = [:]
        if let chosen {
            for city in cities {
                let series = AnnualSeries(snapshot.index[chosen.key, city.code])
                if let last = series.entries.last { values[city.code] = last.value }
            }
        }
        let lo = values.values.min() ?? 0
        let hi = values.values.max() ?? 0
        let reversed = chosen?.polarity == .lower
        let tiles = cities.map { c -> TileMap.Tile in
            let v = values[c.code]
            let shade = v.map { hi > lo ? ($0 - lo) / (hi - lo) : 0.5 }.map { reversed ? 1 - $0 : $0 }
            return TileMap.Tile(
                code: c.code, name: language == .zh ? c.nameZh.replacingOccurrences(of: "市", with: "") : c.nameEn,
                label: v.map { NumberText.headline($0, unit: chosen?.unit ?? "", language: language) } ?? t("无数据", "no data"),
                shade: shade, href: "/regions/\(c.code)")
        }
        let name = { (i: Indicator) in language == .zh ? i.nameZh : i.nameEn }
        let mapTitle = chosen.map(name) ?? t("暂无城市数据", "no city data yet")
        let rows = ranking.entries.map { e -> RankRow in
            RankRow(
                rank: e.rank, code: e.city, name: plan.region(e.city).map { language == .zh ? $0.nameZh : $0.nameEn } ?? e.city,
                score: NumberText.plain(e.score), median: NumberText.plain(e.medianRank),
                band: "\(NumberText.plain(e.rankP5))–\(NumberText.plain(e.rankP95))")
        }
        let chart = RankBandChart(
            rows: rows.map { r in
                let e = ranking.entries.first { $0.city == r.code }!
                return .init(name: r.name, rank: r.rank, low: e.rankP5, high: e.rankP95)
            }, count: cities.count, title: t("城市排名及不确定区间", "City ranks with uncertainty bands"))
        let text = TargetText(plan: plan, language: language)
        return Model(
            heading: t("城市比较", "City comparison"), indicatorLabel: t("指标", "Indicator"), show: t("显示", "Show"),
            map: TileMap(tiles: tiles, title: mapTitle).svg(),
            mapCaption: t("示意方格图（非行政区划图），颜色越深表现越好：", "Schematic tile map (not a boundary map); darker is better: ") + mapTitle,
            rankingHeading: t("相对表现指数排名", "Relative Performance Index ranking"),
            rankingNote: ranking.entries.isEmpty
                ? t(
                    "至少两个城市有数据的指标才能比较；目前公开数据不足以排名。", "Ranking needs indicators with values for two or more cities; published data are not enough yet."
                )
                : t(
                    "各指标按 60–100 标准化后平均；区间为 1000 次蒙特卡洛抽样的第 5–95 百分位名次，名次相差三位以内视为无明显差异。",
                    "Each indicator normalised onto 60–100 and averaged; the band is the 5th–95th percentile rank over 1,000 Monte Carlo draws; differences of three places or fewer are not distinguishable."
                ),
            rankChart: chart.svg(), circlesHeading: t("三大经济圈", "The three economic circles"),
            choices: withCityData.map { Choice(key: $0.key, name: name($0), selected: $0.key == chosen?.key) },
            hasRanking: !ranking.entries.isEmpty, ranking: rows,
            circles: plan.regionGroups.map { g in
                let targets = plan.targets.filter { $0.regionCode == g.key }
                return Circle(
                    name: language == .zh ? g.nameZh : g.nameEn,
                    members: g.memberCodes.compactMap { plan.region($0) }.map { .init(code: $0.code, name: language == .zh ? $0.nameZh : $0.nameEn) },
                    hasTargets: !targets.isEmpty, targets: targets.map { TargetRow($0, evaluation: evaluations[$0.id], text: text) })
            },
            col: [
                "rank": t("名次", "Rank"), "city": t("城市", "City"), "score": t("指数", "Index"), "median": t("中位名次", "Median rank"),
                "band": t("5–95% 名次", "5–95% rank"),
            ])
    }
}
