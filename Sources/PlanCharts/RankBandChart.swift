import Foundation

/// Cities' ranks with their Monte Carlo 5th–95th percentile band: a dot at the rank and a bar
/// across the band, best at the top.
public struct RankBandChart: Sendable {
    public struct Row: Sendable {
        public var name: String
        public var rank: Int
        public var low: Double
        public var high: Double
        public init(name: String, rank: Int, low: Double, high: Double) {
            self.name = name
            self.rank = rank
            self.low = low
            self.high = high
        }
    }

    public var rows: [Row]
    public var count: Int
    public var title: String

    public init(rows: [Row], count: Int, title: String) {
        self.rows = rows
        self.count = count
        self.title = title
    }

    public func svg(width: Double = 560) -> String {
        let rowHeight = 24.0
        let left = 90.0
        let right = 16.0
        let top = 24.0
        let height = top + Double(rows.count) * rowHeight + 8
        let n = SVGText.n
        func x(_ rank: Double) -> Double { left + (rank - 1) / Double(max(count - 1, 1)) * (width - left - right) }
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart rank-chart" viewBox="0 0 \(n(width)) \(n(height))" role="img" aria-label="\(SVGText.escape(title))">
            <title>\(SVGText.escape(title))</title>

            """
        for r in stride(from: 1, through: count, by: max(1, count / 8)) {
            out += "<text class=\"tick\" x=\"\(n(x(Double(r))))\" y=\"14\" text-anchor=\"middle\">\(r)</text>"
        }
        for (i, row) in rows.enumerated() {
            let cy = top + Double(i) * rowHeight + rowHeight / 2
            out += "<text class=\"label\" x=\"\(n(left - 8))\" y=\"\(n(cy + 4))\" text-anchor=\"end\">\(SVGText.escape(row.name))</text>"
            out += "<line class=\"rank-band\" x1=\"\(n(x(row.low)))\" x2=\"\(n(x(row.high)))\" y1=\"\(n(cy))\" y2=\"\(n(cy))\"/>"
            out += "<circle class=\"rank-dot\" cx=\"\(n(x(Double(row.rank))))\" cy=\"\(n(cy))\" r=\"5\"/>\n"
        }
        return out + "</svg>"
    }
}
