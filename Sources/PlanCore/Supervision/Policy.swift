import Foundation

/// A policy on the policy list (政策清单): a document an article of the plan needs, who issues
/// it, by when it is planned, and — once issued — its document number (文号) and day.
public struct Policy: Sendable, Hashable, Identifiable {
    /// The list's number (序号): letters, digits, `.` and `-`, as a task's.
    public var id: String { number }
    public var number: String
    /// Its place in the list.
    public var position: Int
    public var title: String
    /// The issuing units (发文单位), first the lead; several for a joint document.
    public var issuers: [String]
    /// 文号, such as 鲁政办字〔2023〕12号; empty until issued.
    public var documentNumber: String
    /// The articles it carries out.
    public var articles: [Int]
    /// The day it is planned to be issued; nil for work without an end (长期).
    public var planned: Day?
    /// The planned time as the list wrote it (2026年6月底).
    public var plannedText: String
    public var issuedOn: Day?
    public var status: PolicyStatus
    /// Where the document is published: an http(s) address.
    public var link: String
    public var note: String

    public init(
        number: String, position: Int, title: String, issuers: [String], documentNumber: String = "", articles: [Int] = [], planned: Day?,
        plannedText: String, issuedOn: Day? = nil, status: PolicyStatus, link: String = "", note: String = ""
    ) {
        self.number = number
        self.position = position
        self.title = title
        self.issuers = issuers
        self.documentNumber = documentNumber
        self.articles = articles
        self.planned = planned
        self.plannedText = plannedText
        self.issuedOn = issuedOn
        self.status = status
        self.link = link
        self.note = note
    }

    /// Whether `other` says the same, leaving aside its place in the list.
    public func sameContent(as other: Policy) -> Bool {
        var a = self
        a.position = other.position
        return a == other
    }

    /// Not issued yet and past its planned day.
    public func isLate(today: Day) -> Bool {
        guard status == .planned || status == .drafting, let planned else { return false }
        return today.ordinal > planned.ordinal
    }
}

public enum PolicyStatus: String, Sendable, Hashable, CaseIterable {
    case planned
    case drafting
    case issued
    case expired

    public var nameZh: String {
        switch self {
        case .planned: "计划制定"
        case .drafting: "起草中"
        case .issued: "已印发"
        case .expired: "已废止"
        }
    }

    public var nameEn: String {
        switch self {
        case .planned: "Planned"
        case .drafting: "Drafting"
        case .issued: "Issued"
        case .expired: "Expired"
        }
    }

    /// Reads a status as lists write it: the Chinese names and their usual variants, or the code.
    public static func read(_ text: String) -> PolicyStatus? {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if let status = PolicyStatus(rawValue: t) { return status }
        switch t {
        case "计划制定", "计划", "拟制定", "待制定", "未启动": return .planned
        case "起草中", "起草", "正在起草", "征求意见", "审议中", "制定中": return .drafting
        case "已印发", "已出台", "已发布", "印发", "出台": return .issued
        case "已废止", "废止", "失效", "已失效", "已到期": return .expired
        default: return nil
        }
    }

    /// What each status needs: an issued or expired policy has its document number and day.
    public func problems(documentNumber: String, issuedOn: Day?) -> [(zh: String, en: String)] {
        guard self == .issued || self == .expired else { return [] }
        var problems: [(zh: String, en: String)] = []
        if documentNumber.isEmpty { problems.append(("\(nameZh)的政策须填写文号", "A policy \(nameEn.lowercased()) needs its document number")) }
        if issuedOn == nil { problems.append(("\(nameZh)的政策须填写实际印发时间", "A policy \(nameEn.lowercased()) needs its issue day")) }
        return problems
    }
}
