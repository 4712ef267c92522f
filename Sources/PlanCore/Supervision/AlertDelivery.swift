import Foundation

/// Where a subscription sends alerts: a generic JSON webhook, the group robots of 企业微信 (WeCom)
/// and 钉钉 (DingTalk), or e-mail through the configured SMTP relay.
public enum DeliveryChannel: String, Sendable, Hashable, CaseIterable {
    case webhook
    case wecom
    case dingtalk
    case email

    public var nameZh: String {
        switch self {
        case .webhook: "Webhook（JSON）"
        case .wecom: "企业微信群机器人"
        case .dingtalk: "钉钉群机器人"
        case .email: "电子邮件"
        }
    }

    public var nameEn: String {
        switch self {
        case .webhook: "Webhook (JSON)"
        case .wecom: "WeCom group robot"
        case .dingtalk: "DingTalk group robot"
        case .email: "E-mail"
        }
    }

    /// Why `target` cannot be this channel's address, or nil when it can: an http(s) URL for the
    /// webhooks and robots, an address for e-mail.
    public func problem(with target: String) -> (zh: String, en: String)? {
        let t = target.trimmingCharacters(in: .whitespaces)
        switch self {
        case .email:
            let parts = t.split(separator: "@")
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !t.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" }),
                t.count <= 254
            else { return ("「\(t)」不是有效的电子邮件地址", "“\(t)” is not an e-mail address") }
            return nil
        case .webhook, .wecom, .dingtalk:
            guard let url = URL(string: t), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host?.isEmpty == false, t.count <= 2000
            else { return ("「\(t)」不是 http:// 或 https:// 开头的网址", "“\(t)” is not an http(s) address") }
            return nil
        }
    }
}

/// Someone who receives alerts outside PlanTrack: a unit (all its alerts) or a user (their inbox).
public struct Subscription: Sendable, Hashable, Identifiable {
    public enum Owner: Sendable, Hashable {
        case unit(String)
        case user(String)
    }

    public var id: String
    public var owner: Owner
    public var channel: DeliveryChannel
    public var target: String
    public var createdBy: String
    public var createdAt: String

    public init(id: String, owner: Owner, channel: DeliveryChannel, target: String, createdBy: String, createdAt: String) {
        self.id = id
        self.owner = owner
        self.channel = channel
        self.target = target
        self.createdBy = createdBy
        self.createdAt = createdAt
    }
}

/// A message waiting to go out, sent, or given up on.
public struct OutboxMessage: Sendable, Hashable, Identifiable {
    public enum State: String, Sendable, Hashable, CaseIterable {
        case pending
        case sent
        case failed

        public var nameZh: String {
            switch self {
            case .pending: "待发送"
            case .sent: "已发送"
            case .failed: "发送失败"
            }
        }

        public var nameEn: String {
            switch self {
            case .pending: "Pending"
            case .sent: "Sent"
            case .failed: "Failed"
            }
        }
    }

    public var id: String
    public var subscriptionID: String
    /// The unit whose alerts it carries.
    public var unitCode: String
    public var channel: DeliveryChannel
    public var target: String
    public var subject: String
    /// The bytes to send: JSON for webhooks and robots, the message text for e-mail.
    public var body: Data
    public var state: State
    public var attempts: Int
    public var nextAttemptAt: String
    public var lastError: String
    public var createdAt: String
    public var sentAt: String?

    public init(
        id: String, subscriptionID: String, unitCode: String, channel: DeliveryChannel, target: String, subject: String, body: Data, state: State,
        attempts: Int, nextAttemptAt: String, lastError: String, createdAt: String, sentAt: String?
    ) {
        self.id = id
        self.subscriptionID = subscriptionID
        self.unitCode = unitCode
        self.channel = channel
        self.target = target
        self.subject = subject
        self.body = body
        self.state = state
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.createdAt = createdAt
        self.sentAt = sentAt
    }

    /// Minutes to wait after each failed attempt; after the last a message is failed for good.
    public static let retryMinutes = [1, 5, 15, 60]
}

/// What a digest message says, in each channel's format: one message per unit with the alerts
/// that are new to its recipient, the most pressing first, and how many there are in all.
public enum DigestMessage {
    /// `baseURL` makes the alerts' links absolute (`https://plantrack.example`).
    public static func render(
        channel: DeliveryChannel, unitCode: String, unitName: String, period: String, alerts: [Alert], red: Int, yellow: Int, baseURL: String
    ) -> (subject: String, body: Data) {
        let subject = "PlanTrack 预警：\(unitName) \(period) 新增 \(alerts.count) 条"
        func link(_ alert: Alert) -> String { baseURL + alert.link }
        switch channel {
        case .webhook:
            let object: [String: Any] = [
                "unit": unitCode, "unit_name": unitName, "period": period, "new": alerts.count, "red": red, "yellow": yellow,
                "alerts": alerts.map { a in
                    [
                        "key": a.id, "kind": a.kind.rawValue, "severity": a.severity.rawValue, "since": a.since.description, "text_zh": a.textZh,
                        "text_en": a.textEn, "link": link(a),
                    ]
                },
            ]
            return (subject, (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data())
        case .wecom, .dingtalk:
            var lines = ["### \(subject)", "> 本单位当前预警：红色 \(red) 条 · 黄色 \(yellow) 条", ""]
            for a in alerts {
                let mark =
                    channel == .wecom
                    ? "<font color=\"\(a.severity == .red ? "warning" : "comment")\">\(a.severity.nameZh)</font>" : "**\(a.severity.nameZh)**"
                lines.append("- \(mark) \(a.kind.nameZh)：\(a.textZh) [查看](\(link(a)))")
            }
            let text = lines.joined(separator: "\n")
            let object: [String: Any] =
                channel == .wecom
                ? ["msgtype": "markdown", "markdown": ["content": text]]
                : ["msgtype": "markdown", "markdown": ["title": subject, "text": text]]
            return (subject, (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data())
        case .email:
            var lines = ["\(unitName) \(period) 新增预警 \(alerts.count) 条（本单位当前红色 \(red) 条、黄色 \(yellow) 条）：", ""]
            for a in alerts { lines.append("[\(a.severity.nameZh)] \(a.kind.nameZh)：\(a.textZh)\n    \(link(a))") }
            lines += ["", "New alerts for \(unitCode), \(period): \(alerts.count) (red \(red), yellow \(yellow) in all).", "", "— PlanTrack"]
            return (subject, Data(lines.joined(separator: "\n").utf8))
        }
    }
}
