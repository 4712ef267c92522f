import Foundation
import PlanCore
import Testing

/// Which target a scheme's item means for a unit: its own region's target, a city's own catalog
/// target, a level's value set in the scheme (or none), else the provincial target — always with
/// the unit's own base.
@Suite struct SchemeTargetsTests {
    static func indicator(_ key: String, _ aggregation: Aggregation) -> Indicator {
        Indicator(
            key: key, nameZh: key, nameEn: key, unit: "%", polarity: .higher, form: .additive, aggregation: aggregation, definitionZh: "",
            definitionEn: "")
    }

    static func target(_ id: String, _ key: String, _ kind: TargetKind, region: String = "370000", value: Double, base: Double? = nil) -> Target {
        var t = Fixture.target(kind, value, baseYear: 2022, baseValue: base, id: id)
        t.indicatorKey = key
        t.regionCode = region
        return t
    }

    static let plan = Plan(
        title: "p", preamble: "", chapters: [], articles: [],
        targets: [
            target("RATE", "share", .floor, value: 50, base: 40),
            target("LEVEL", "firms", .floor, value: 33000, base: 26000),
            target("DROP", "energy", .relativeChange, value: -16),
            target("OWN", "firms", .floor, region: "370200", value: 6000),
        ],
        indicators: [indicator("share", .ratio), indicator("firms", .sum), indicator("energy", .sum)],
        regions: ["370000", "370100", "370200"].map {
            Region(code: $0, nameZh: $0, nameEn: $0, level: $0 == "370000" ? .province : .city, parentCode: nil, circle: nil)
        }, regionGroups: [])

    @Test func eachItemMeansItsTargetForTheUnit() throws {
        let index = SchemeTargets.Index(plan: Self.plan)
        let rate = AssessmentScheme.Item(targetID: "RATE", points: 10)
        let level = AssessmentScheme.Item(targetID: "LEVEL", points: 10, unitValues: ["370100": 5200])
        let drop = AssessmentScheme.Item(targetID: "DROP", points: 10)
        // The province: its own target, stated base and all.
        #expect(SchemeTargets.resolve(rate, unit: "370000", in: index)?.baseValue == 40)
        // A rate applies to a city, with the city's own base.
        let cityRate = try #require(SchemeTargets.resolve(rate, unit: "370100", in: index))
        #expect(cityRate.value == 50 && cityRate.baseValue == nil && cityRate.regionCode == "370100" && cityRate.id == "RATE")
        // A relative change of a level applies too.
        #expect(SchemeTargets.resolve(drop, unit: "370100", in: index)?.value == -16)
        // A level takes the city's value from the scheme …
        let cityLevel = try #require(SchemeTargets.resolve(level, unit: "370100", in: index))
        #expect(cityLevel.value == 5200 && cityLevel.baseValue == nil && cityLevel.id == "LEVEL")
        // … or the city's own catalog target …
        let own = try #require(SchemeTargets.resolve(level, unit: "370200", in: index))
        #expect(own.value == 6000 && own.id == "LEVEL" && own.regionCode == "370200")
        // … and without either, none: the scheme check lists the city.
        #expect(SchemeTargets.resolve(AssessmentScheme.Item(targetID: "LEVEL", points: 10), unit: "370100", in: index) == nil)
        let scheme = AssessmentScheme(name: "s", items: [rate, AssessmentScheme.Item(targetID: "LEVEL", points: 10), drop])
        let missing = SchemeTargets.missing(scheme, units: ["370100", "370200"], in: index)
        #expect(missing.count == 1 && missing[0].targetID == "LEVEL" && missing[0].units == ["370100"])
    }
}
