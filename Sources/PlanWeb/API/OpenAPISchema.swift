import Foundation

/// JSON Schemas (the 2020-12 dialect OpenAPI 3.1 uses) for the request bodies and parameters of
/// the OpenAPI document, written as ``JSONValue``s. Each helper writes only the keywords it is
/// given; the bounds written are those the routes and services enforce (see where each body is
/// described).
enum JSONSchema {
    /// One property of an object schema: its name on the wire, its schema and whether the body
    /// must have it.
    struct Property: Sendable {
        var name: String
        var schema: JSONValue
        var isRequired: Bool

        /// A property the body must have.
        static func required(_ name: String, _ schema: JSONValue) -> Property { Property(name: name, schema: schema, isRequired: true) }

        /// A property the body may leave out.
        static func optional(_ name: String, _ schema: JSONValue) -> Property { Property(name: name, schema: schema, isRequired: false) }
    }

    /// An object with these properties; the required ones are listed in `required`. Other
    /// properties are ignored by the server, so `additionalProperties` is written only when given.
    static func object(_ properties: [Property], _ description: String? = nil, additionalProperties: JSONValue? = nil) -> JSONValue {
        let required = properties.filter(\.isRequired).map { JSONValue.string($0.name) }
        return schema(
            "object", description,
            [
                ("properties", JSONValue.object(properties.map { ($0.name, $0.schema) })),
                ("required", required.isEmpty ? nil : JSONValue.array(required)), ("additionalProperties", additionalProperties),
            ])
    }

    /// An object whose keys are free and whose values all follow `values`.
    static func map(_ values: JSONValue, _ description: String? = nil, minProperties: Int? = nil) -> JSONValue {
        schema("object", description, [("additionalProperties", values), ("minProperties", minProperties.map(whole))])
    }

    /// A string; `minLength` and `maxLength` count characters.
    static func string(
        _ description: String? = nil, minLength: Int? = nil, maxLength: Int? = nil, pattern: String? = nil, format: String? = nil,
        enumeration: [String]? = nil
    ) -> JSONValue {
        schema(
            "string", description,
            [
                ("minLength", minLength.map(whole)), ("maxLength", maxLength.map(whole)), ("pattern", pattern.map(JSONValue.string)),
                ("format", format.map(JSONValue.string)), ("enum", enumeration.map { JSONValue.array($0.map(JSONValue.string)) }),
            ])
    }

    /// A whole number (the JSON decoder refuses a fraction where the server reads an `Int`).
    static func integer(_ description: String? = nil, minimum: Int? = nil, maximum: Int? = nil) -> JSONValue {
        schema("integer", description, [("minimum", minimum.map(whole)), ("maximum", maximum.map(whole))])
    }

    /// A number.
    static func number(
        _ description: String? = nil, minimum: Double? = nil, maximum: Double? = nil, exclusiveMinimum: Double? = nil
    ) -> JSONValue {
        schema(
            "number", description,
            [
                ("minimum", minimum.map(JSONValue.number)), ("maximum", maximum.map(JSONValue.number)),
                ("exclusiveMinimum", exclusiveMinimum.map(JSONValue.number)),
            ])
    }

    /// A number, or a string that holds one (`"1,234.5"`).
    static func numberOrString(_ description: String? = nil) -> JSONValue {
        schema(.array([.string("number"), .string("string")]), description, [])
    }

    static func boolean(_ description: String? = nil) -> JSONValue {
        schema("boolean", description, [])
    }

    static func array(_ items: JSONValue, _ description: String? = nil, minItems: Int? = nil, maxItems: Int? = nil) -> JSONValue {
        schema("array", description, [("items", Optional(items)), ("minItems", minItems.map(whole)), ("maxItems", maxItems.map(whole))])
    }

    /// A file's bytes: a whole `application/octet-stream` body or a multipart part.
    static func binary(_ description: String? = nil) -> JSONValue {
        schema("string", description, [("format", .string("binary"))])
    }

    /// Exactly one of `schemas` (variants told apart by a property's single allowed value).
    static func oneOf(_ schemas: [JSONValue], _ description: String? = nil) -> JSONValue {
        var pairs: [(String, JSONValue)] = []
        if let description { pairs.append(("description", .string(description))) }
        pairs.append(("oneOf", .array(schemas)))
        return .object(pairs)
    }

    private static func whole(_ n: Int) -> JSONValue { .number(Double(n)) }

    private static func schema(_ type: String, _ description: String?, _ keywords: [(String, JSONValue?)]) -> JSONValue {
        schema(.string(type), description, keywords)
    }

    private static func schema(_ type: JSONValue, _ description: String?, _ keywords: [(String, JSONValue?)]) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("type", type)]
        if let description { pairs.append(("description", .string(description))) }
        for (keyword, value) in keywords {
            if let value { pairs.append((keyword, value)) }
        }
        return .object(pairs)
    }
}

/// The schemas of parameters: the type, and the bounds the routes check for the parameters that
/// mean the same wherever they appear.
extension OpenAPIDocument {
    static func parameterSchema(name: String, type: String) -> JSONValue {
        switch (name, type) {
        // `Query.paging()`: page 1…1,000,000, per_page 1…500.
        case ("page", "integer"): JSONSchema.integer(minimum: 1, maximum: 1_000_000)
        case ("per_page", "integer"): JSONSchema.integer(minimum: 1, maximum: 500)
        // The audit log (`ReportingAPIRoutes`): limit 1…1000, offset from 0.
        case ("limit", "integer"): JSONSchema.integer(minimum: 1, maximum: 1000)
        case ("offset", "integer"): JSONSchema.integer(minimum: 0)
        // `regionAndYear` and the ranking (`APIRoutes`): as_of 1990…2100; seed 0…Int32.max.
        case ("as_of", "integer"): JSONSchema.integer(minimum: 1990, maximum: 2100)
        case ("seed", "integer"): JSONSchema.integer(minimum: 0, maximum: Int(Int32.max))
        // Scheme versions 1…1,000,000 and snapshots 1…10,000 (`AssessmentRoutes`).
        case ("version", "integer"): JSONSchema.integer(minimum: 1, maximum: 1_000_000)
        case ("snapshot", "integer"): JSONSchema.integer(minimum: 1, maximum: 10_000)
        // A unit's diligence (`DiligenceRoutes`): 1…36 months.
        case ("months", "integer"): JSONSchema.integer(minimum: 1, maximum: 36)
        // An appeal's number (`AppealRoutes.seq`): from 1.
        case ("seq", "integer"): JSONSchema.integer(minimum: 1)
        // Every export's format: xlsx or csv.
        case ("format", "string"): JSONSchema.string(enumeration: ["xlsx", "csv"])
        default: .object([("type", .string(type))])
        }
    }
}
