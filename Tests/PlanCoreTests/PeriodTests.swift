import PlanCore
import Testing

@Suite struct PeriodTests {
    @Test(arguments: [("2023", "2023"), ("2023Q2", "2023Q2"), ("2024-06", "2024-06"), (" 2020 ", "2020")])
    func parsesAndPrints(text: String, canonical: String) throws {
        let period = try #require(Period(text))
        #expect(period.description == canonical)
    }

    @Test(arguments: ["", "23", "2023Q5", "2023Q0", "2023-13", "2023-6", "Y2023", "20x3", "2023-06-01", "1800"])
    func rejectsMalformed(text: String) {
        #expect(Period(text) == nil)
    }

    @Test func ordersByEndMonthThenShorterSpanFirst() throws {
        let periods = ["2024", "2023-06", "2023", "2023Q4", "2023-12", "2023Q2"].compactMap(Period.init)
        #expect(periods.sorted().map(\.description) == ["2023-06", "2023Q2", "2023-12", "2023Q4", "2023", "2024"])
    }

    @Test func spans() throws {
        #expect(try #require(Period("2023")).isAnnual)
        #expect(try #require(Period("2023Q3")).endMonth == 9)
        #expect(try #require(Period("2023-05")).span == .month(5))
    }
}
