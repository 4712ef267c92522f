import Foundation

/// A schematic tile-grid map of Shandong's 16 cities: one square per city, placed roughly where the
/// city lies, coloured by a value. Not a boundary map.
public struct TileMap: Sendable {
    /// (row, column) of each city code on a 5 × 6 grid, north at the top.
    public static let shandong: [String: (row: Int, column: Int)] = [
        "371400": (0, 1), "371600": (0, 2), "370500": (0, 3),
        "371500": (1, 0), "370100": (1, 1), "370300": (1, 2), "370700": (1, 3), "370600": (1, 4), "371000": (1, 5),
        "370900": (2, 1), "370200": (2, 4),
        "371700": (3, 0), "370800": (3, 1), "371300": (3, 2), "371100": (3, 3),
        "370400": (4, 1),
    ]

    public struct Tile: Sendable {
        public var code: String
        public var name: String
        /// The value shown under the name, already formatted.
        public var label: String
        /// 0…1 for the colour scale; `nil` for no data.
        public var shade: Double?
        /// The link the tile leads to.
        public var href: String

        public init(code: String, name: String, label: String, shade: Double?, href: String) {
            self.code = code
            self.name = name
            self.label = label
            self.shade = shade
            self.href = href
        }
    }

    public var tiles: [Tile]
    public var title: String

    public init(tiles: [Tile], title: String) {
        self.tiles = tiles
        self.title = title
    }

    public func svg(size: Double = 84) -> String {
        let gap = 6.0
        let width = 6 * (size + gap)
        let height = 5 * (size + gap)
        let n = SVGText.n
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart tile-map" viewBox="0 0 \(n(width)) \(n(height))" role="group" aria-label="\(SVGText.escape(title))">
            <title>\(SVGText.escape(title))</title>

            """
        for tile in tiles {
            guard let place = Self.shandong[tile.code] else { continue }
            let x = Double(place.column) * (size + gap)
            let y = Double(place.row) * (size + gap)
            let level = tile.shade.flatMap { $0.isFinite ? min(4, max(0, Int(($0 * 5).rounded(.down)))) : nil }
            let cls = level.map { "tile shade-\($0)" } ?? "tile no-data"
            out += "<a href=\"\(SVGText.escape(tile.href))\"><g class=\"\(cls)\">"
            out += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(size))\" height=\"\(n(size))\" rx=\"6\"/>"
            out +=
                "<text class=\"tile-name\" x=\"\(n(x + size / 2))\" y=\"\(n(y + size / 2 - 4))\" text-anchor=\"middle\">\(SVGText.escape(tile.name))</text>"
            out +=
                "<text class=\"tile-value\" x=\"\(n(x + size / 2))\" y=\"\(n(y + size / 2 + 16))\" text-anchor=\"middle\">\(SVGText.escape(tile.label))</text>"
            out += "</g></a>\n"
        }
        return out + "</svg>"
    }
}
