import Foundation
import PlanCore
import PlanServices

/// A person's alerts: one digest per unit for this month, the most pressing first, each alert
/// with its severity, escalation and the marks the person may set.
struct InboxPage {
    struct Model {
        var heading, intro, csrf: String
        var digests: [DigestBox]
        var hasDigests: Bool
        var empty: String
        var mutedHref, mutedLabel, deliveriesLabel: String
        var totals: String
    }

    struct DigestBox {
        var unit, unitCode, title, counts: String
        var items: [Item]
        /// "All 37 alerts" when the digest lists only the most pressing.
        var more: String?
    }

    /// How many alerts a unit's digest lists when the inbox covers several units; the unit's own
    /// digest (`?unit=`) lists them all.
    static let perUnit = 5

    struct Item {
        var key, kind, severity, severityName, text, since, escalation, escalationCode, link: String
        var acknowledged, muted: Bool
        var ackLabel, muteLabel, unmarkLabel, ackedText: String
    }

    static func model(
        digests: [SupervisionService.Digest], csrf: String, showMuted: Bool, settings: AlertSettings, unitFilter: String?, language: Language
    ) -> Model {
        let t = language.t
        let red = digests.reduce(0) { $0 + $1.red }
        let yellow = digests.reduce(0) { $0 + $1.yellow }
        return Model(
            heading: t("预警", "Alerts"),
            intro: t(
                "由数据自动生成：目标滞后、数据逾期未报、节点、任务和督办单临近（\(settings.dueSoonDays) 天内，黄色）或逾期（红色）。未确认的预警 \(settings.reviewerAfterDays) 天后升级至审核员，\(settings.officeAfterDays) 天后升级至办公室。",
                "Computed from the data: targets off track, figures overdue, milestones, tasks and supervision orders due within \(settings.dueSoonDays) days (yellow) or overdue (red). Unacknowledged alerts escalate to the reviewer after \(settings.reviewerAfterDays) days and to the office after \(settings.officeAfterDays)."
            ), csrf: csrf,
            digests: digests.map { d in
                DigestBox(
                    unit: t(d.unit.nameZh, d.unit.nameEn), unitCode: d.unit.code,
                    title: t("\(d.period) 预警汇总", "Digest for \(d.period)"),
                    counts: t("红色 \(d.red) · 黄色 \(d.yellow)", "red \(d.red) · yellow \(d.yellow)"),
                    items: d.items.prefix(digests.count > 1 && unitFilter == nil ? perUnit : d.items.count).map { i in
                        Item(
                            key: i.alert.id, kind: t(i.alert.kind.nameZh, i.alert.kind.nameEn), severity: i.alert.severity.rawValue,
                            severityName: t(i.alert.severity.nameZh, i.alert.severity.nameEn), text: t(i.alert.textZh, i.alert.textEn),
                            since: t("自 \(i.alert.since) 起", "since \(i.alert.since)"), escalation: t(i.escalation.nameZh, i.escalation.nameEn),
                            escalationCode: String(i.escalation.rawValue), link: i.alert.link, acknowledged: i.acknowledged, muted: i.muted,
                            ackLabel: t("确认", "Acknowledge"), muteLabel: t("屏蔽", "Mute"), unmarkLabel: t("恢复", "Unmute"),
                            ackedText: t("已确认", "Acknowledged"))
                    },
                    more: digests.count > 1 && unitFilter == nil && d.items.count > perUnit
                        ? t("查看全部 \(d.items.count) 条", "All \(d.items.count) alerts") : nil)
            }, hasDigests: !digests.isEmpty, empty: t("没有预警。", "No alerts."),
            mutedHref: (showMuted ? "/inbox" : "/inbox?muted=1") + (unitFilter.map { (showMuted ? "?" : "&") + "unit=\($0)" } ?? ""),
            mutedLabel: showMuted ? t("隐藏已屏蔽", "Hide muted") : t("显示已屏蔽", "Show muted"),
            deliveriesLabel: t("推送到 Webhook、企业微信、钉钉或邮件", "Send to a webhook, WeCom, DingTalk or e-mail"),
            totals: t("共 \(digests.count) 个单位：红色 \(red) 条，黄色 \(yellow) 条", "\(digests.count) units: \(red) red, \(yellow) yellow"))
    }
}
