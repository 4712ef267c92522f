import Foundation
import PlanCore
import PlanServices

/// Sending alerts on: the reader's subscriptions and those of the units they manage, a form to
/// add one, and the outbox with each message's state and the failed ones' retry.
struct DeliveryPage {
    struct Model {
        var heading, intro, csrf: String
        var message, error: String?
        var subscriptionsHeading, noSubscriptions: String
        var subscriptions: [SubscriptionRow]
        var hasSubscriptions: Bool
        var addHeading, ownerLabel, myself, channelLabel, targetLabel, targetHint, addLabel, removeLabel: String
        var units: [OrderListPage.Option]
        var channels: [OrderListPage.Option]
        var outboxHeading, noMessages: String
        var messages: [MessageRow]
        var hasMessages: Bool
        var canRun: Bool
        var runLabel, retryLabel: String
        var col: [String: String]
    }

    struct SubscriptionRow {
        var id, owner, channel, target: String
    }

    struct MessageRow {
        var id, created, unit, channel, target, subject, state, stateCode, attempts, error: String
        var failed: Bool
    }

    static func model(
        subscriptions: [Subscription], messages: [OutboxMessage], units: [ReportingUnit], canRun: Bool, smtp: Bool, csrf: String, message: String?,
        error: String?, tree: UnitTree, language: Language
    ) -> Model {
        let t = language.t
        return Model(
            heading: t("预警推送", "Alert delivery"),
            intro: t(
                "把预警发送到 Webhook、企业微信或钉钉群机器人、电子邮件：每个单位一条汇总消息，只含接收方尚未收到的新预警。发送失败的消息会按 1、5、15、60 分钟重试，仍失败的在下方标为发送失败，可以重发。",
                "Send alerts to a webhook, a WeCom or DingTalk group robot, or e-mail: one digest message per unit holding only the alerts new to the recipient. A message that fails is tried again after 1, 5, 15 and 60 minutes; one that still fails is marked failed below and can be sent again."
            ), csrf: csrf, message: message, error: error, subscriptionsHeading: t("订阅", "Subscriptions"),
            noSubscriptions: t("还没有订阅。", "No subscriptions yet."),
            subscriptions: subscriptions.map { s in
                let owner: String =
                    switch s.owner {
                    case .unit(let code): TaskNames.unit(code, tree: tree, language: language)
                    case .user(let name): t("个人：\(name)", "Personal: \(name)")
                    }
                return SubscriptionRow(id: s.id, owner: owner, channel: t(s.channel.nameZh, s.channel.nameEn), target: s.target)
            }, hasSubscriptions: !subscriptions.isEmpty, addHeading: t("新增订阅", "Add a subscription"), ownerLabel: t("接收", "For"),
            myself: t("我的预警（个人收件箱）", "My alerts (my inbox)"), channelLabel: t("方式", "Channel"), targetLabel: t("地址", "Address"),
            targetHint: t(
                "Webhook 和机器人填写 https:// 开头的网址（企业微信、钉钉群机器人的 Webhook 地址），电子邮件填写邮箱地址。",
                "For a webhook or a robot, its https:// address (the WeCom or DingTalk robot's webhook); for e-mail, the address."),
            addLabel: t("订阅", "Subscribe"), removeLabel: t("取消订阅", "Remove"),
            units: units.map { OrderListPage.Option(value: $0.code, label: t($0.nameZh, $0.nameEn), selected: false) },
            channels: DeliveryChannel.allCases.filter { smtp || $0 != .email }.map {
                OrderListPage.Option(value: $0.rawValue, label: t($0.nameZh, $0.nameEn), selected: $0 == .webhook)
            }, outboxHeading: t("发送记录", "Outbox"), noMessages: t("还没有消息。", "No messages yet."),
            messages: messages.map { m in
                MessageRow(
                    id: m.id, created: LocalTime.display(m.createdAt), unit: TaskNames.unit(m.unitCode, tree: tree, language: language),
                    channel: t(m.channel.nameZh, m.channel.nameEn), target: m.target, subject: m.subject, state: t(m.state.nameZh, m.state.nameEn),
                    stateCode: m.state.rawValue, attempts: String(m.attempts), error: m.lastError, failed: m.state == .failed)
            }, hasMessages: !messages.isEmpty, canRun: canRun, runLabel: t("立即发送", "Deliver now"), retryLabel: t("重发", "Send again"),
            col: [
                "owner": t("接收", "For"), "channel": t("方式", "Channel"), "target": t("地址", "Address"), "created": t("时间", "Time"),
                "unit": t("单位", "Unit"), "subject": t("内容", "Message"), "state": t("状态", "State"), "attempts": t("尝试次数", "Attempts"),
                "error": t("最近错误", "Last error"), "inbox": t("预警", "Alerts"),
            ])
    }
}
