import Foundation
import PlanCore

/// How supervision pages name units, statuses and states in the reader's language.
enum TaskNames {
    static func units(_ codes: [String], tree: UnitTree, language: Language) -> String {
        codes.map { code in tree[code].map { language.t($0.aliases.first ?? $0.nameZh, $0.nameEn) } ?? code }.joined(
            separator: language == .zh ? "、" : "; ")
    }

    static func unit(_ code: String, tree: UnitTree, language: Language) -> String {
        units([code], tree: tree, language: language)
    }

    static func status(_ s: TaskStatus, _ language: Language) -> String { language.t(s.nameZh, s.nameEn) }
    static func confidence(_ c: DeliveryConfidence, _ language: Language) -> String { language.t(c.nameZh, c.nameEn) }
    static func state(_ s: ProgressState, _ language: Language) -> String { language.t(s.nameZh, s.nameEn) }

    /// The deadline as the list writes it; in English, the day or "ongoing".
    static func due(_ task: WorkTask, _ language: Language) -> String {
        if language == .zh { return task.dueText.isEmpty ? (task.due?.description ?? "长期坚持") : task.dueText }
        return task.due?.description ?? "Ongoing"
    }

    static func fileSize(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? String(format: "%.1f MB", Double(bytes) / 1_048_576) : "\(max(1, bytes / 1024)) KB"
    }
}
