import Foundation
import PlanCharts
import PlanCore
import PlanServices

/// The 16 cities: a schematic tile map of one indicator, the ranking with its uncertainty band,
/// and the three economic circles.
struct CitiesPage {
    struct Model {
        var heading, indicatorLabel, yearLabel, show, map, mapCaption, rankingHeading, rankingNote, rankChart, circlesHeading: String
        var choices: [Option]
        var years: [Option]
        var hasRanking: Bool
        var ranking: [RankRow]
        var circles: [Circle]
        var col: [String: String]
    }

    struct Option {
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

    /// The indicator and the common year shown: the chosen ones, or the first indicator with city
    /// data and the year most cities report it.
    struct Choice {
        var indicator: Indicator?
        var year: Int?
        var coverage: [Int: Int]
        var candidates: [Indicator]
    }

    static func choose(snapshot: PlanService.Snapshot, indicatorKey: String?, year: Int?, language: Language) throws -> Choice {
        let plan = snapshot.plan
        let t = language.t
        let cities = plan.regions.filter { $0.level == .city }.map(\.code)
        let withCityData = plan.indicators.filter { i in cities.contains { !snapshot.index[i.key, $0].isEmpty } }
        if let indicatorKey, !withCityData.contains(where: { $0.key == indicatorKey }) {
            throw ServiceError.badParameter(name: "indicator", message: t("没有城市数据的指标 \(indicatorKey)", "no city data for \(indicatorKey)"))
        }
        let chosen = withCityData.first { $0.key == indicatorKey } ?? withCityData.first
        let coverage = chosen.map { CityComparison.coverage(of: $0.key, cities: cities, in: snapshot.index) } ?? [:]
        if let year, coverage[year] == nil {
            throw ServiceError.badParameter(name: "year", message: t("该指标没有 \(year) 年的城市数据", "no city data for \(year) for this indicator"))
        }
        return Choice(indicator: chosen, year: year ?? CityComparison.defaultYear(coverage: coverage), coverage: coverage, candidates: withCityData)
    }

    static func model(
        snapshot: PlanService.Snapshot, choice: Choice, ranking: Ranking, index: CityIndex, evaluations: [String: TargetEvaluation],
        language: Language
    ) -> Model {
        let plan = snapshot.plan
        let t = language.t
        let cities = plan.regions.filter { $0.level == .city }
        let chosen = choice.indicator
        let withCityData = choice.candidates
        var values: [String: Double] = [:]
        if let chosen, let year = choice.year {
            for city in cities {
                if let v = AnnualSeries(snapshot.index[chosen.key, city.code])[year] { values[city.code] = v }
            }
        }
        let size = chosen.map(CityComparison.isSize) ?? false
        let lo = values.values.min() ?? 0
        let hi = values.values.max() ?? 0
        let reversed = chosen?.polarity == .lower
        let yearText = choice.year.map(String.init) ?? "—"
        let tiles = cities.map { c -> TileMap.Tile in
            let v = values[c.code]
            let shade = v.map { hi > lo ? ($0 - lo) / (hi - lo) : 0.5 }.map { reversed && !size ? 1 - $0 : $0 }
            return TileMap.Tile(
                code: c.code, name: language == .zh ? c.nameZh.replacingOccurrences(of: "市", with: "") : c.nameEn,
                label: v.map { NumberText.headline($0, unit: chosen?.unit ?? "", language: language) } ?? t("无该年数据", "no \(yearText) data"),
                shade: shade, href: "/regions/\(c.code)")
        }
        let canRank = CityComparison.canRank(index) && !ranking.entries.isEmpty
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
            heading: t("城市比较", "City comparison"), indicatorLabel: t("指标", "Indicator"), yearLabel: t("年份", "Year"),
            show: t("显示", "Show"),
            map: TileMap(tiles: tiles, title: mapTitle).svg(),
            mapCaption: (size
                ? t(
                    "示意方格图（非行政区划图），颜色越深数值越大（规模指标，不代表表现好坏）：",
                    "Schematic tile map (not a boundary map); darker means larger (a size, not a performance): ")
                : t("示意方格图（非行政区划图），颜色越深表现越好：", "Schematic tile map (not a boundary map); darker is better: "))
                + mapTitle
                + t("，\(yearText)年（\(values.count)/\(cities.count) 个城市有数据）", ", \(yearText) (\(values.count) of \(cities.count) cities reported)"),
            rankingHeading: t("相对表现指数排名", "Relative Performance Index ranking") + " · " + yearText,
            rankingNote: canRank
                ? t(
                    "按 \(yearText) 年 \(index.columns.count) 项强度类指标（每项至少 \(CityComparison.minimumCities) 个城市有数据）标准化到 60–100 后平均；区间为 1000 次蒙特卡洛抽样的第 5–95 百分位名次，区间重叠的城市之间没有可靠的先后。",
                    "\(index.columns.count) intensive indicators for \(yearText), each reported by at least \(CityComparison.minimumCities) cities, normalised onto 60–100 and averaged; the band is the 5th–95th percentile rank over 1,000 Monte Carlo draws; cities whose bands overlap are not reliably ordered."
                )
                : t(
                    "\(yearText) 年只有 \(index.columns.count) 项强度类指标有至少 \(CityComparison.minimumCities) 个城市的数据；排名至少需要 \(CityComparison.minimumIndicators) 项，因此不排名。规模指标（如地区生产总值、人口）只比较大小，不参与排名。",
                    "In \(yearText) only \(index.columns.count) intensive indicators have values for at least \(CityComparison.minimumCities) cities; a ranking needs \(CityComparison.minimumIndicators), so none is shown. Size indicators (GDP, population) are compared as sizes and never ranked."
                ),
            rankChart: chart.svg(), circlesHeading: t("三大经济圈", "The three economic circles"),
            choices: withCityData.map { Option(key: $0.key, name: name($0), selected: $0.key == chosen?.key) },
            years: choice.coverage.keys.sorted(by: >).map { y in
                Option(
                    key: String(y), name: t("\(y)年（\(choice.coverage[y] ?? 0) 个城市）", "\(y) (\(choice.coverage[y] ?? 0) cities)"),
                    selected: y == choice.year)
            },
            hasRanking: canRank, ranking: rows,
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
