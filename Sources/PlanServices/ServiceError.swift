import Foundation

/// The application layer's one error type: what a caller asked for cannot be done, said in both
/// languages. It knows nothing of HTTP; the web layer's error middleware turns it into a status,
/// a page or a problem body, and the command line into its message.
public enum ServiceError: Error, Sendable, Equatable {
    /// Nothing by that name or key.
    case notFound(what: String)
    /// An input value has the wrong form.
    case badParameter(name: String, message: String)
    /// The store or another dependency does not answer.
    case unavailable(String)
    /// The caller has not said who it is.
    case notAuthenticated
    /// The caller's role or unit does not allow it.
    case forbidden(zh: String, en: String)
    /// It conflicts with the current state (a workflow step that is not allowed now, a name taken).
    case conflict(zh: String, en: String)
    /// The content is well-formed but invalid: the first problems by line, and how many in all.
    case invalid(zh: String, en: String, problems: [RowProblem], total: Int)
    /// Too many failed logins; retry after the given seconds.
    case throttled(retryAfter: Int)
    /// The input is larger than the limit (bytes).
    case tooLarge(limit: Int)

    /// An invalid input with its problems; only the first ``RowProblem/listed`` are kept, the
    /// count of all is kept beside them.
    public static func invalid(zh: String, en: String, problems: [RowProblem] = []) -> ServiceError {
        .invalid(zh: zh, en: en, problems: Array(problems.prefix(RowProblem.listed)), total: problems.count)
    }

    /// A refusal for lack of permission on a unit.
    public static func notAllowed(_ action: String, unit: String) -> ServiceError {
        .forbidden(zh: "无权对单位 \(unit) 执行此操作（\(action)）", en: "Not allowed to \(action) for unit \(unit)")
    }

    /// The message in Chinese.
    public var zh: String {
        switch self {
        case .notFound(let what): "没有找到：\(what)"
        case .badParameter(let name, let message): "参数 \(name) 有误：\(message)"
        case .unavailable(let why): "服务暂不可用：\(why)"
        case .notAuthenticated: "请先登录"
        case .forbidden(let zh, _), .conflict(let zh, _): zh
        case .invalid(let zh, _, let problems, let total):
            total > problems.count ? "\(zh)（共 \(total) 处问题，列出前 \(problems.count) 处）" : zh
        case .throttled(let seconds): "登录失败次数过多，请 \(max(1, seconds / 60)) 分钟后再试"
        case .tooLarge(let limit): "上传内容超过 \(Self.megabytes(limit)) 上限"
        }
    }

    /// The message in English.
    public var en: String {
        switch self {
        case .notFound(let what): "Not found: \(what)"
        case .badParameter(let name, let message): "Bad parameter \(name): \(message)"
        case .unavailable(let why): "Service unavailable: \(why)"
        case .notAuthenticated: "Log in first"
        case .forbidden(_, let en), .conflict(_, let en): en
        case .invalid(_, let en, let problems, let total):
            total > problems.count ? "\(en) (\(total) problems; the first \(problems.count) are listed)" : en
        case .throttled(let seconds): "Too many failed logins: try again in \(max(1, seconds / 60)) minutes"
        case .tooLarge(let limit): "The upload exceeds the \(Self.megabytes(limit)) limit"
        }
    }

    static func megabytes(_ bytes: Int) -> String {
        bytes >= 1_048_576 ? "\(bytes / 1_048_576) MB" : "\(bytes) bytes"
    }
}

/// One problem of an invalid batch or file, by line (or item) and indicator.
public struct RowProblem: Encodable, Sendable, Hashable {
    /// How many problems an error lists at most (the rest are counted): a hostile file with a
    /// million bad rows gets a short answer.
    public static let listed = 1000

    public var line: Int
    public var indicatorKey: String?
    public var message: String
    public var messageZh: String

    public init(line: Int, indicatorKey: String?, message: String, messageZh: String) {
        self.line = line
        self.indicatorKey = indicatorKey
        self.message = message
        self.messageZh = messageZh
    }

    enum CodingKeys: String, CodingKey {
        case line
        case indicatorKey = "indicator_key"
        case message
        case messageZh = "message_zh"
    }
}
