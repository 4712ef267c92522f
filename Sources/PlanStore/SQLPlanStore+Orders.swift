import Foundation
import PlanCore
import SQLKit

/// Supervision orders, their history and their evidence.
extension SQLPlanStore {
    public func orders(units: [String]?) async throws -> [SupervisionOrder] {
        if units?.isEmpty == true { return [] }
        return try await provider.withDatabase { db in
            var select = SQLQueryString("SELECT * FROM supervision_orders")
            if let units { select.appendInterpolation(" WHERE unit_code IN (\(binds: units))" as SQLQueryString) }
            select.appendLiteral(" ORDER BY year DESC, seq DESC")
            return try await db.raw(select).all().compactMap { try Self.orderRow($0) }
        }
    }

    public func order(id: String) async throws -> SupervisionOrder? {
        try await provider.withDatabase { db in try await Self.readOrder(db, id: id, lock: false) }
    }

    static func orderRow(_ row: any SQLRow) throws -> SupervisionOrder? {
        guard let subjectKind = OrderSubject.Kind(rawValue: try row.decode(column: "subject_kind", as: String.self)),
            let level = OrderLevel(rawValue: try row.decode(column: "level", as: String.self)),
            let state = OrderState(rawValue: try row.decode(column: "state", as: String.self)),
            let due = Day(try row.decode(column: "due", as: String.self)),
            let issuedOn = Day(try row.decode(column: "issued_on", as: String.self))
        else { return nil }
        return SupervisionOrder(
            year: try row.decode(column: "year", as: Int.self), seq: try row.decode(column: "seq", as: Int.self),
            unitCode: try row.decode(column: "unit_code", as: String.self),
            subject: OrderSubject(kind: subjectKind, id: try row.decode(column: "subject_id", as: String.self)),
            matter: try row.decode(column: "matter", as: String.self), requirement: try row.decode(column: "requirement", as: String.self),
            level: level, due: due, state: state, issuedBy: try row.decode(column: "issued_by", as: String.self),
            issuerUnit: try row.decode(column: "issuer_unit", as: String.self), issuedOn: issuedOn,
            closedOn: try row.decode(column: "closed_on", as: String?.self).flatMap(Day.init),
            source: try row.decode(column: "source", as: String?.self))
    }

    /// An order with its history; on PostgreSQL with `lock`, its row is locked for the rest of the
    /// transaction (steps on one order take turns).
    static func readOrder(_ db: any SQLDatabase, id: String, lock: Bool) async throws -> SupervisionOrder? {
        var select: SQLQueryString = "SELECT * FROM supervision_orders WHERE id = \(bind: id)"
        if lock { select.appendLiteral(" FOR UPDATE") }
        guard let row = try await db.raw(select).first(), var order = try orderRow(row) else { return nil }
        var files: [Int: [EvidenceInfo]] = [:]
        for file in try await db.raw(
            """
            SELECT id, event_seq, file_name, content_type, size, sha256, uploaded_by, uploaded_at FROM order_files
            WHERE order_id = \(bind: id) ORDER BY uploaded_at, id
            """
        ).all() {
            files[try file.decode(column: "event_seq", as: Int.self), default: []].append(try evidenceInfo(file))
        }
        order.events = try await db.raw("SELECT * FROM order_events WHERE order_id = \(bind: id) ORDER BY seq").all().compactMap { row in
            guard let action = OrderEvent.Action(rawValue: try row.decode(column: "action", as: String.self)) else { return nil }
            let seq = try row.decode(column: "seq", as: Int.self)
            return OrderEvent(
                seq: seq, at: try row.decode(column: "at", as: String.self), actor: try row.decode(column: "actor", as: String.self),
                actorUnit: try row.decode(column: "actor_unit", as: String.self), action: action,
                text: try row.decode(column: "text", as: String.self),
                evidence: files[seq] ?? [])
        }
        return order
    }

    public func issueOrders(_ orders: [SupervisionOrder], note: String, actor: Actor) async throws -> [SupervisionOrder] {
        guard !orders.isEmpty else { return [] }
        return try await provider.transaction { db in try await Self.insertOrders(orders, note: note, actor: actor, now: timestamp(), on: db) }
    }

    /// Numbers and inserts orders inside the caller's transaction, with their first event and
    /// audit entries; moves the supervision version first (its row orders concurrent issuers).
    static func insertOrders(_ orders: [SupervisionOrder], note: String, actor: Actor, now: String, on db: any SQLDatabase) async throws
        -> [SupervisionOrder]
    {
        try await bumpSupervisionVersion(db)
        var issued: [SupervisionOrder] = []
        var next: [Int: Int] = [:]
        for draft in orders {
            if next[draft.year] == nil {
                let max = try await db.raw("SELECT MAX(seq) AS m FROM supervision_orders WHERE year = \(bind: draft.year)").first()
                    .flatMap { try $0.decode(column: "m", as: Int?.self) }
                next[draft.year] = (max ?? 0) + 1
            }
            let seq = next[draft.year]!
            next[draft.year] = seq + 1
            let order = SupervisionOrder(
                year: draft.year, seq: seq, unitCode: draft.unitCode, subject: draft.subject, matter: draft.matter, requirement: draft.requirement,
                level: draft.level, due: draft.due, state: .issued, issuedBy: actor.username, issuerUnit: actor.unitCode, issuedOn: draft.issuedOn,
                source: draft.source)
            try await db.raw(
                """
                INSERT INTO supervision_orders (id, year, seq, unit_code, subject_kind, subject_id, matter, requirement, level, due, state,
                  issued_by, issuer_unit, issued_on, closed_on, source, updated_at)
                VALUES (\(bind: order.id), \(bind: order.year), \(bind: order.seq), \(bind: order.unitCode), \(bind: order.subject.kind.rawValue),
                  \(bind: order.subject.id), \(bind: order.matter), \(bind: order.requirement), \(bind: order.level.rawValue),
                  \(bind: order.due.description), \(bind: order.state.rawValue), \(bind: order.issuedBy), \(bind: order.issuerUnit),
                  \(bind: order.issuedOn.description), \(bind: String?.none), \(bind: order.source), \(bind: now))
                """
            ).run()
            try await insertOrderEvent(db, order: order.id, seq: 1, at: now, actor: actor, action: .issue, text: note)
            try await insertAudit(
                [
                    AuditEntry(
                        at: now, actor: actor, action: "order.issue", unitCode: order.unitCode, subject: order.id, before: "",
                        after: "\(order.state.rawValue) \(order.level.rawValue) due \(order.due)",
                        detail: "\(order.subject.text): \(order.matter.prefix(200))")
                ], on: db)
            issued.append(order)
        }
        return issued
    }

    static func insertOrderEvent(
        _ db: any SQLDatabase, order: String, seq: Int, at: String, actor: Actor, action: OrderEvent.Action, text: String
    ) async throws {
        try await db.raw(
            """
            INSERT INTO order_events (order_id, seq, at, actor, actor_unit, action, text)
            VALUES (\(bind: order), \(bind: seq), \(bind: at), \(bind: actor.username), \(bind: actor.unitCode), \(bind: action.rawValue), \(bind: text))
            """
        ).run()
    }

    public func stepOrder(
        id: String, action: OrderEvent.Action, text: String, evidence: [NewEvidence], on day: Day, actor: Actor,
        decide: @escaping @Sendable (SupervisionOrder) throws -> OrderState
    ) async throws -> SupervisionOrder {
        let postgres = provider.dialectName == "postgresql"
        return try await provider.transaction { db in
            let now = timestamp()
            guard let old = try await Self.readOrder(db, id: id, lock: postgres) else { throw StoreError("no order \(id)") }
            let state = try decide(old)
            let seq = (old.events.map(\.seq).max() ?? 0) + 1
            try await db.raw(
                """
                UPDATE supervision_orders SET state = \(bind: state.rawValue), updated_at = \(bind: now),
                  closed_on = \(bind: state == .closed ? day.description : nil)
                WHERE id = \(bind: id)
                """
            ).run()
            try await Self.insertOrderEvent(db, order: id, seq: seq, at: now, actor: actor, action: action, text: text)
            let stamp = now.filter(\.isNumber)
            for (i, file) in evidence.enumerated() {
                try await db.raw(
                    """
                    INSERT INTO order_files (id, order_id, event_seq, file_name, content_type, size, sha256, uploaded_by, uploaded_at, data)
                    VALUES (\(bind: "\(stamp)-\(i)-\(UUID().uuidString.prefix(8).lowercased())"), \(bind: id), \(bind: seq), \(bind: file.fileName),
                      \(bind: file.contentType), \(bind: file.data.count), \(bind: file.sha256), \(bind: actor.username), \(bind: now), \(bind: file.data))
                    """
                ).run()
            }
            try await Self.bumpSupervisionVersion(db)
            let detail = [String(text.prefix(200)), evidence.isEmpty ? "" : "evidence: " + evidence.map(\.fileName).joined(separator: ", ")]
                .filter { !$0.isEmpty }.joined(separator: "; ")
            try await Self.insertAudit(
                [
                    AuditEntry(
                        at: now, actor: actor, action: "order.\(action.rawValue)", unitCode: old.unitCode, subject: id, before: old.state.rawValue,
                        after: state.rawValue, detail: detail)
                ], on: db)
            guard let saved = try await Self.readOrder(db, id: id, lock: false) else { throw StoreError("order \(id) vanished") }
            return saved
        }
    }

    public func orderFile(id: String) async throws -> StoredOrderFile? {
        try await provider.withDatabase { db in
            guard
                let row = try await db.raw(
                    "SELECT f.*, o.unit_code FROM order_files f JOIN supervision_orders o ON o.id = f.order_id WHERE f.id = \(bind: id)"
                ).first()
            else { return nil }
            return StoredOrderFile(
                info: try Self.evidenceInfo(row), orderID: try row.decode(column: "order_id", as: String.self),
                unitCode: try row.decode(column: "unit_code", as: String.self), data: try row.decode(column: "data", as: Data.self))
        }
    }
}
