import Mustache

// Rows that pages list by the hundred are looked up by name rather than by reflection: Mustache
// reflects on a value for every tag it renders, which made an inbox of 800 alerts take a third of
// a second (docs/benchmarks.md).

extension InboxPage.Item: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "key": key
        case "kind": kind
        case "severity": severity
        case "severityName": severityName
        case "text": text
        case "since": since
        case "escalation": escalation
        case "escalationCode": escalationCode
        case "link": link
        case "acknowledged": acknowledged
        case "muted": muted
        case "ackLabel": ackLabel
        case "muteLabel": muteLabel
        case "unmarkLabel": unmarkLabel
        case "ackedText": ackedText
        default: nil
        }
    }
}

extension InboxPage.DigestBox: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "unit": unit
        case "unitCode": unitCode
        case "title": title
        case "counts": counts
        case "items": items
        case "more": more
        default: nil
        }
    }
}

extension TaskListPage.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "number": number
        case "title": title
        case "lead": lead
        case "support": support
        case "due": due
        case "article": article
        case "articleHref": articleHref
        case "statuses": statuses
        case "overdue": overdue
        case "overdueText": overdueText
        default: nil
        }
    }
}

extension TaskListPage.Chip: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "code": code
        default: nil
        }
    }
}

extension OrderListPage.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "number": number
        case "unit": unit
        case "subject": subject
        case "matter": matter
        case "level": level
        case "levelCode": levelCode
        case "state": state
        case "stateCode": stateCode
        case "issued": issued
        case "due": due
        case "age": age
        case "timing": timing
        case "overdue": overdue
        default: nil
        }
    }
}
