import Foundation
import PlanCore
import PlanServices

/// Indicators (list and one) and regions.
struct IndicatorRegionPages {
    let snapshot: PlanService.Snapshot
    let evaluations: [String: TargetEvaluation]
    let language: Language

    var plan: Plan { snapshot.plan }
    var text: TargetText { TargetText(plan: plan, language: language) }
    func name(_ i: Indicator) -> String { language == .zh ? i.nameZh : i.nameEn }

    struct ListModel {
        var heading: String
        var indicators: [ListRow]
        var col: [String: String]
    }

    struct ListRow {
        var key, name, unit: String
        var targets, observations: Int
    }

    func list() -> ListModel {
        let counts = Dictionary(grouping: plan.targets, by: \.indicatorKey).mapValues(\.count)
        return ListModel(
            heading: language.t("指标", "Indicators"),
            indicators: plan.indicators.map {
                ListRow(
                    key: $0.key, name: name($0), unit: text.unit($0.unit), targets: counts[$0.key] ?? 0,
                    observations: snapshot.observationCounts[$0.key] ?? 0)
            },
            col: [
                "indicator": language.t("指标", "Indicator"), "unit": language.t("单位", "Unit"), "targets": language.t("目标数", "Targets"),
                "observations": language.t("数据条数", "Observations"),
            ])
    }

    struct IndicatorModel {
        var indicatorsLabel, name, key, definition, targetsHeading, noTargets, observationsHeading, noObservations: String
        var hasTargets, hasObservations: Bool
        var facts: [TargetPage.LabelValue]
        var targets: [TargetRow]
        var observations: [Row]
        var col: [String: String]
    }

    struct Row {
        var regionCode, region, key, indicator, period, value, source: String
        var link: String?
    }

    func indicator(_ i: Indicator) -> IndicatorModel {
        let targets = plan.targets.filter { $0.indicatorKey == i.key }
        let rows = snapshot.index.regions(for: i.key).flatMap { snapshot.index[i.key, $0].sorted { $0.period < $1.period } }
        let t = language.t
        let polarity =
            i.polarity == .higher
            ? t("越高越好", "higher is better") : (i.polarity == .lower ? t("越低越好", "lower is better") : t("无好坏方向", "no good direction"))
        return IndicatorModel(
            indicatorsLabel: t("指标", "Indicators"), name: name(i), key: i.key,
            definition: language == .zh ? i.definitionZh : i.definitionEn, targetsHeading: t("相关目标", "Targets"),
            noTargets: t("没有目标使用此指标（背景数据）。", "No target measures this indicator (context data)."),
            observationsHeading: t("数据", "Observations"), noObservations: t("尚无数据。", "No data yet."),
            hasTargets: !targets.isEmpty, hasObservations: !rows.isEmpty,
            facts: [
                .init(label: t("单位", "Unit"), value: text.unit(i.unit).isEmpty ? i.unit : text.unit(i.unit)),
                .init(label: t("方向", "Polarity"), value: polarity),
                .init(label: t("全省如何由下级汇总", "How the province adds up"), value: language.aggregation(i.aggregation)),
                .init(label: t("进度计算方式", "Progress measured"), value: language.form(i.form)),
            ]
                + (i.formula.map {
                    [.init(label: t("计算公式（计算值，非填报）", "Computed as (not reported)"), value: FormulaText.words($0, plan: plan, language: language))]
                } ?? []),
            targets: targets.map { TargetRow($0, evaluation: evaluations[$0.id], text: text) },
            observations: rows.map(row),
            col: [
                "region": t("地区", "Region"), "period": t("时期", "Period"), "value": t("数值", "Value"), "source": t("来源", "Source"),
                "indicator": t("指标", "Indicator"),
            ])
    }

    func row(_ o: Observation) -> Row {
        let unit = plan.indicator(o.indicatorKey)?.unit ?? ""
        return Row(
            regionCode: o.regionCode, region: text.region(o.regionCode), key: o.indicatorKey,
            indicator: plan.indicator(o.indicatorKey).map(name) ?? o.indicatorKey, period: o.period.description,
            value: NumberText.format(o.value, unit: unit, language: language), source: o.provenance.source,
            link: SafeLink.href(o.provenance.link))
    }

    struct RegionModel {
        var citiesLabel, name, code, level, circleLabel, childrenHeading, targetsHeading, noTargets, observationsHeading, noObservations: String
        var parent, parentCode, circle: String?
        var hasChildren, hasTargets, hasObservations: Bool
        var children: [Child]
        var targets: [TargetRow]
        var observations: [Row]
        var col: [String: String]
    }

    struct Child {
        var code, name: String
    }

    func region(_ r: Region) -> RegionModel {
        let t = language.t
        let level = r.level == .province ? t("省", "province") : (r.level == .city ? t("设区的市", "city") : t("县（市、区）", "county"))
        let children = plan.regions.filter { $0.parentCode == r.code }
        let targets = plan.targets.filter { $0.regionCode == r.code }
        let rows = plan.indicators.flatMap { snapshot.index[$0.key, r.code].sorted { $0.period < $1.period } }
        return RegionModel(
            citiesLabel: t("城市比较", "Cities"), name: language == .zh ? r.nameZh : r.nameEn, code: r.code, level: level,
            circleLabel: t("所属经济圈：", "Economic circle: "), childrenHeading: t("下辖", "Subdivisions"),
            targetsHeading: t("本地区目标", "Targets for this region"), noTargets: t("规划没有为本地区单列目标。", "The plan sets no target for this region alone."),
            observationsHeading: t("数据", "Observations"), noObservations: t("尚无本地区数据。", "No data for this region yet."),
            parent: r.parentCode.flatMap { plan.region($0) }.map { language == .zh ? $0.nameZh : $0.nameEn }, parentCode: r.parentCode,
            circle: r.circle.flatMap { plan.regionGroup($0) }.map { language == .zh ? $0.nameZh : $0.nameEn },
            hasChildren: !children.isEmpty, hasTargets: !targets.isEmpty, hasObservations: !rows.isEmpty,
            children: children.map { Child(code: $0.code, name: language == .zh ? $0.nameZh : $0.nameEn) },
            targets: targets.map { TargetRow($0, evaluation: evaluations[$0.id], text: text) }, observations: rows.map(row),
            col: ["indicator": t("指标", "Indicator"), "period": t("时期", "Period"), "value": t("数值", "Value"), "source": t("来源", "Source")])
    }
}
