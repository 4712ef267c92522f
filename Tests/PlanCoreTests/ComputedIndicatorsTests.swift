import Foundation
import PlanCore
import Testing

/// Computed indicators: values computed from reported ones when an index is built, carrying the
/// observations they came from, and gone when an input is.
@Suite struct ComputedIndicatorsTests {
    static func indicator(_ key: String, _ unit: String, _ formula: Formula? = nil) -> Indicator {
        Indicator(
            key: key, nameZh: key, nameEn: key, unit: unit, polarity: .higher, form: .additive, aggregation: .sum,
            definitionZh: "", definitionEn: "", formula: formula)
    }

    static func o(_ key: String, _ region: String, _ year: Int, _ value: Double, qualifier: String = "exact") -> Observation {
        Observation(
            indicatorKey: key, regionCode: region, period: Period(year: year), value: value,
            provenance: Provenance(source: "bulletin", qualifier: qualifier))
    }

    let share = indicator("gdp_share", "%", Formula(operation: .ratio, inputs: [.init("gdp"), .init("gdp@370000")], factor: 100))

    @Test func aCitysShareOfTheProvinceIsComputedPerRegionAndPeriodWithItsInputs() throws {
        let computed = ComputedIndicators(indicators: [Self.indicator("gdp", "亿元"), share])
        let index = computed.apply(
            to: ObservationIndex([
                Self.o("gdp", "370000", 2022, 87_400), Self.o("gdp", "370000", 2023, 92_068.7),
                Self.o("gdp", "370100", 2022, 12_027.5), Self.o("gdp", "370100", 2023, 12_757.4),
                // No provincial figure for 2024: no share for 2024, not a guess.
                Self.o("gdp", "370100", 2024, 13_527.6),
            ]))
        let jinan = index["gdp_share", "370100"]
        #expect(jinan.map(\.period.year) == [2022, 2023])
        let v2023 = try #require(jinan.last)
        #expect(abs(v2023.value - 12_757.4 / 92_068.7 * 100) < 1e-9)
        #expect(v2023.provenance.isComputed)
        #expect(v2023.provenance.qualifierTags == ["computed"])
        #expect(
            v2023.provenance.inputs == [
                ObservationReference(indicatorKey: "gdp", regionCode: "370100", period: "2023", value: 12_757.4),
                ObservationReference(indicatorKey: "gdp", regionCode: "370000", period: "2023", value: 92_068.7),
            ])
        #expect(v2023.provenance.source.contains("gdp ÷ gdp@370000 × 100"))
        #expect(v2023.provenance.quote.contains("gdp@370100 2023 = 12757.4 亿元"))
        // The province over itself.
        #expect(index["gdp_share", "370000"].map(\.value) == [100, 100])
    }

    @Test func aDifferenceConvertsItsInputsIntoTheIndicatorsUnit() throws {
        let computed = ComputedIndicators(indicators: [
            Self.indicator("total", "亿千瓦"), Self.indicator("nuclear", "万千瓦"),
            Self.indicator("renewables", "万千瓦", Formula(operation: .difference, inputs: [.init("total"), .init("nuclear")])),
        ])
        let index = computed.apply(
            to: ObservationIndex([Self.o("total", "370000", 2024, 1.15), Self.o("nuclear", "370000", 2024, 440, qualifier: "exact;estimate")]))
        let value = try #require(index["renewables", "370000"].first)
        #expect(abs(value.value - (11_500 - 440)) < 1e-9)
        // An input's estimate carries over to the computed value.
        #expect(value.provenance.qualifierTags == ["computed", "estimate"])
    }

    @Test func growthIsTheAverageAnnualRateOverItsPeriods() throws {
        let computed = ComputedIndicators(indicators: [
            Self.indicator("trade", "亿元"),
            Self.indicator("trade_growth", "%", Formula(operation: .growth, inputs: [.init("trade")])),
            Self.indicator("trade_growth_2y", "%", Formula(operation: .growth, inputs: [.init("trade")], periods: 2)),
        ])
        let index = computed.apply(
            to: ObservationIndex([Self.o("trade", "370000", 2022, 100), Self.o("trade", "370000", 2023, 110), Self.o("trade", "370000", 2024, 121)]))
        #expect(index["trade_growth", "370000"].map(\.period.year) == [2023, 2024])
        #expect(index["trade_growth", "370000"].allSatisfy { abs($0.value - 10) < 1e-9 })
        let twoYears = try #require(index["trade_growth_2y", "370000"].first)
        #expect(index["trade_growth_2y", "370000"].count == 1 && abs(twoYears.value - 10) < 1e-9)
        // The base of the growth is among the inputs.
        #expect(twoYears.provenance.inputs.map(\.period) == ["2022", "2024"])
    }

    @Test func aComputedIndicatorMayUseAnotherWhateverTheirOrderInTheList() throws {
        let computed = ComputedIndicators(indicators: [
            Self.indicator("doubled_share", "%", Formula(operation: .sum, inputs: [.init("share"), .init("share")])),
            Self.indicator("share", "%", Formula(operation: .ratio, inputs: [.init("a"), .init("b")], factor: 100)),
            Self.indicator("a", "个"), Self.indicator("b", "个"),
        ])
        #expect(computed.ordered.map(\.key) == ["share", "doubled_share"])
        let index = computed.apply(to: ObservationIndex([Self.o("a", "370000", 2024, 1), Self.o("b", "370000", 2024, 4)]))
        #expect(index["doubled_share", "370000"].map(\.value) == [50])
    }

    @Test func aCycleComputesNothingAndDoesNotHang() {
        let computed = ComputedIndicators(indicators: [
            Self.indicator("x", "个", Formula(operation: .sum, inputs: [.init("y"), .init("a")])),
            Self.indicator("y", "个", Formula(operation: .sum, inputs: [.init("x"), .init("a")])),
            Self.indicator("a", "个"),
        ])
        #expect(computed.ordered.isEmpty)
        let index = computed.apply(to: ObservationIndex([Self.o("a", "370000", 2024, 1)]))
        #expect(index["x", "370000"].isEmpty && index["y", "370000"].isEmpty)
    }

    @Test func aRevisedInputChangesTheValueAndAWithdrawnOneRemovesIt() throws {
        let computed = ComputedIndicators(indicators: [Self.indicator("gdp", "亿元"), share])
        let first = computed.apply(to: ObservationIndex([Self.o("gdp", "370000", 2023, 100), Self.o("gdp", "370100", 2023, 10)]))
        #expect(first["gdp_share", "370100"].map(\.value) == [10])
        // A revision of an input: the computed value follows.
        let revised = computed.apply(to: first.overlaid(with: [Self.o("gdp", "370100", 2023, 20)]))
        #expect(revised["gdp_share", "370100"].map(\.value) == [20])
        #expect(revised["gdp_share", "370100"].first?.provenance.inputs.first?.value == 20)
        // The index rebuilt without the provincial value: no share is left.
        let withdrawn = computed.apply(to: ObservationIndex([Self.o("gdp", "370100", 2023, 20)]))
        #expect(withdrawn["gdp_share", "370100"].isEmpty)
        // A zero denominator gives no value.
        let zero = computed.apply(to: ObservationIndex([Self.o("gdp", "370000", 2023, 0), Self.o("gdp", "370100", 2023, 20)]))
        #expect(zero["gdp_share", "370100"].isEmpty)
    }

    @Test func theExplanationSaysWhatWasComputedAndWhatWasAssumed() throws {
        let computed = ComputedIndicators(indicators: [Self.indicator("gdp", "亿元"), share])
        let index = computed.apply(
            to: ObservationIndex([
                Self.o("gdp", "370000", 2022, 87_400), Self.o("gdp", "370000", 2023, 92_068.7),
                Self.o("gdp", "370100", 2022, 12_027.5), Self.o("gdp", "370100", 2023, 12_757.4),
            ]))
        let target = Target(
            id: "A073-1", source: .article(73), indicatorKey: "gdp_share", regionCode: "370100", kind: .reach, value: 16, unit: "%",
            deadline: .year(2025), direction: .higher, form: .additive, binding: false, bindingReason: "预期性：测试",
            assumptions: [.baseAssumed], quote: "在全省经济首位度达到16%")
        let e = TargetEvaluator().evaluate(target, regionCode: "370100", observations: index["gdp_share", "370100"], asOf: 2023)
        #expect(e.explanation.notes.contains { $0.contains("base_assumed") })
        #expect(e.explanation.notes.contains { $0.contains("2023 computed") && $0.contains("gdp@370000 2023 = 92068.7") })
        #expect(e.latestValue.map { abs($0 - 12_757.4 / 92_068.7 * 100) < 1e-9 } == true)
    }
}
