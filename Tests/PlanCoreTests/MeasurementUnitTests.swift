import PlanCore
import Testing

@Suite struct MeasurementUnitTests {
    @Test(arguments: [
        ("亿千瓦", "万千瓦", 1e4), ("万千瓦", "万千瓦", 1), ("万亿元", "亿元", 1e4), ("亿元", "万亿元", 1e-4),
        ("万家", "家", 1e4), ("家", "万家", 1e-4), ("％", "%", 1), (" % ", "%", 1), ("亿斤", "万斤", 1e4),
        // Declared conversions between bases: 1 吨 = 2 000 斤.
        ("万吨", "亿斤", 0.2), ("亿斤", "万吨", 5), ("吨", "公斤", 1_000), ("公斤", "斤", 2),
    ])
    func convertsBetweenScalesOfOneQuantity(from: String, to: String, factor: Double) throws {
        let f = try #require(MeasurementUnit.factor(from: from, to: to))
        #expect(abs(f - factor) <= 1e-12 * factor)
    }

    @Test(arguments: [("家", "个"), ("万千瓦", "亿元"), ("%", "个百分点"), ("亿斤", "万元"), ("吨", "千瓦"), ("万", "家")])
    func refusesDifferentQuantities(from: String, to: String) {
        #expect(MeasurementUnit.factor(from: from, to: to) == nil)
    }

    @Test func percent() {
        #expect(MeasurementUnit.isPercent("％"))
        #expect(!MeasurementUnit.isPercent("个百分点"))
    }
}
