import PlanCore
import Testing

@Suite struct AboutToleranceTests {
    /// The examples of evaluation rules §5, and the rule applied to round numbers.
    @Test(arguments: [
        (13.0, 0.5), (2.6, 0.05), (2150, 5), (1000, 50), (8, 0.4), (300, 15), (150, 5), (10, 0.5), (2, 0.1),
        (0.651, 0.0005), (-16, 0.5),
    ])
    func standardTolerance(value: Double, tolerance: Double) {
        #expect(abs(AboutTolerance.standard(for: value) - tolerance) < 1e-12)
    }

    @Test func zeroHasNoBand() {
        #expect(AboutTolerance.standard(for: 0) == 0)
    }
}
