import Foundation

/// The sectors projects are filed under: Shandong's ten strong industries (十强产业), which the
/// plan builds on, and the other fields the plan names for investment (Articles 37–38, 45–52,
/// 60–75): new and traditional infrastructure, energy, water, ecology, cities and public services.
public struct ProjectSector: Sendable, Hashable, Identifiable {
    public let code: String
    public let nameZh: String
    public let nameEn: String
    /// One of the ten strong industries.
    public let isStrongIndustry: Bool

    public var id: String { code }

    public static let all: [ProjectSector] = [
        .init(code: "ict", nameZh: "新一代信息技术", nameEn: "New-generation information technology", isStrongIndustry: true),
        .init(code: "equipment", nameZh: "高端装备", nameEn: "High-end equipment", isStrongIndustry: true),
        .init(code: "energy_materials", nameZh: "新能源新材料", nameEn: "New energy and new materials", isStrongIndustry: true),
        .init(code: "marine", nameZh: "现代海洋", nameEn: "Modern marine industry", isStrongIndustry: true),
        .init(code: "health", nameZh: "医养健康", nameEn: "Health and elderly care", isStrongIndustry: true),
        .init(code: "chemicals", nameZh: "绿色化工", nameEn: "Green chemicals", isStrongIndustry: true),
        .init(code: "agriculture", nameZh: "现代高效农业", nameEn: "Modern efficient agriculture", isStrongIndustry: true),
        .init(code: "culture", nameZh: "文化创意", nameEn: "Cultural and creative industries", isStrongIndustry: true),
        .init(code: "tourism", nameZh: "精品旅游", nameEn: "Quality tourism", isStrongIndustry: true),
        .init(code: "finance", nameZh: "现代金融服务", nameEn: "Modern financial services", isStrongIndustry: true),
        .init(code: "new_infrastructure", nameZh: "新型基础设施", nameEn: "New infrastructure", isStrongIndustry: false),
        .init(code: "transport", nameZh: "交通基础设施", nameEn: "Transport infrastructure", isStrongIndustry: false),
        .init(code: "energy", nameZh: "能源保障", nameEn: "Energy supply", isStrongIndustry: false),
        .init(code: "water", nameZh: "水利", nameEn: "Water conservancy", isStrongIndustry: false),
        .init(code: "ecology", nameZh: "生态环保", nameEn: "Ecology and environment", isStrongIndustry: false),
        .init(code: "urban", nameZh: "城乡建设", nameEn: "Urban and rural construction", isStrongIndustry: false),
        .init(code: "public_services", nameZh: "社会民生", nameEn: "Public services", isStrongIndustry: false),
        .init(code: "other", nameZh: "其他", nameEn: "Other", isStrongIndustry: false),
    ]

    public static let byCode = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })

    /// A sector by its code or its Chinese or English name.
    public static func find(_ text: String) -> ProjectSector? {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return byCode[t] ?? all.first { $0.nameZh == t || $0.nameEn.lowercased() == t.lowercased() }
    }
}
