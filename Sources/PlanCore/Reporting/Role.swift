import Foundation

/// What a user may do, always within the subtree of the user's own unit (the administrator and
/// the leading-group office act on every unit).
public enum Role: String, Sendable, Hashable, CaseIterable, Codable {
    /// Manages users, the calendar and everything else.
    case admin
    /// The leading-group office (领导小组办公室): reviews, approves and reads everything,
    /// manages the reporting calendar; does not enter figures.
    case office
    /// Enters, imports and submits its own unit's figures.
    case reporter
    /// Approves or returns its own unit's and its subordinate units' submissions; reopens them.
    case reviewer
    /// Reads its own unit's and its subordinate units' reporting status and figures.
    case viewer

    public var nameZh: String {
        switch self {
        case .admin: "系统管理员"
        case .office: "领导小组办公室"
        case .reporter: "填报员"
        case .reviewer: "审核员"
        case .viewer: "查看者"
        }
    }

    public var nameEn: String {
        switch self {
        case .admin: "Administrator"
        case .office: "Leading-group office"
        case .reporter: "Reporter"
        case .reviewer: "Reviewer"
        case .viewer: "Viewer"
        }
    }
}
