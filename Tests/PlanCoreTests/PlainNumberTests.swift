import PlanCore
import Testing

@Suite struct PlainNumberTests {
    @Test(arguments: [
        (2.6, "2.6"), (30, "30"), (-16, "-16"), (0.1 + 0.2, "0.3"), (1e-7, "0"), (-1e-7, "0"), (-0.0, "0"),
        (1234567.0, "1234567"), (0.0000006, "0.000001"), (0.0000004, "0"), (2.3333333333, "2.333333"), (1e15, "1000000000000000"),
    ])
    func formats(value: Double, text: String) {
        #expect(PlainNumber.format(value) == text)
    }

    @Test func missingIsEmpty() {
        #expect(PlainNumber.format(nil as Double?) == "")
        #expect(PlainNumber.format(Double.nan) == "")
    }
}
