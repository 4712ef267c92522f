import Foundation

/// A body that reports figures: a region's government (province, city, county), a provincial
/// department, or a provincial state-owned enterprise.
public struct ReportingUnit: Sendable, Hashable, Identifiable {
    /// The kinds of reporting unit.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case region
        case department
        case enterprise
    }

    /// The region code for a region; a short code (`dept-…`, `soe-…`) otherwise.
    public var code: String
    public var nameZh: String
    public var nameEn: String
    public var kind: Kind
    /// The unit it reports to (a county's city, a city's province, a department's province);
    /// `nil` for the province.
    public var parentCode: String?
    /// The region its figures describe: its own code for a region, the province for a
    /// department or an enterprise.
    public var regionCode: String
    /// Other names lists use for it (省发展改革委 for 山东省发展和改革委员会).
    public var aliases: [String]

    public var id: String { code }

    public init(code: String, nameZh: String, nameEn: String, kind: Kind, parentCode: String?, regionCode: String, aliases: [String] = []) {
        self.code = code
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.kind = kind
        self.parentCode = parentCode
        self.regionCode = regionCode
        self.aliases = aliases
    }

    /// The reporting unit of a region.
    public init(region: Region) {
        self.init(
            code: region.code, nameZh: region.nameZh, nameEn: region.nameEn, kind: .region,
            parentCode: region.parentCode, regionCode: region.code)
    }
}
