/// A value a template can show. Page models are converted to this once per page (or built as it directly),
/// so rendering is a switch over five cases: no dynamic casts, no protocol lookups on the hot path.
public enum TemplateValue: Sendable {
    case null
    case bool(Bool)
    case text(String)
    case list([TemplateValue])
    case object(TemplateFields)

    /// Mustache truthiness: nothing, `false`, the empty string and the empty list are false.
    /// (Unlike some engines, `""` is false here, so `{{#summary}}…{{/summary}}` hides an empty summary.)
    var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let value): value
        case .text(let text): !text.isEmpty
        case .list(let items): !items.isEmpty
        case .object: true
        }
    }

    /// For `empty(name)`: true for nothing, `false`, `""`, an empty list and an empty object.
    var isEmpty: Bool {
        switch self {
        case .null: true
        case .bool(let value): !value
        case .text(let text): text.isEmpty
        case .list(let items): items.isEmpty
        case .object(let fields): fields.isEmpty
        }
    }

    subscript(key: String) -> TemplateValue? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    /// A list of objects.
    public static func objects(_ items: [TemplateFields]) -> TemplateValue { .list(items.map(TemplateValue.object)) }

    /// A list of texts.
    public static func texts(_ items: [String]) -> TemplateValue { .list(items.map(TemplateValue.text)) }

    /// A text a page may lack: `.null` (false in a section) rather than no field, so that strict template mode
    /// tells a field left empty on purpose from a name the model does not have (a misspelling).
    public static func optional(_ text: String?) -> TemplateValue { text.map(TemplateValue.text) ?? .null }
}

// Deliberately not `ExpressibleByNilLiteral`: `nil` would quietly become `.null` wherever an optional was meant
// (`found ? value : nil`), and a field that is `.null` rather than absent hides the same name in outer sections.
extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByStringInterpolation, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .text(value) }
    public init(stringInterpolation: DefaultStringInterpolation) { self = .text(String(stringInterpolation: stringInterpolation)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) { self = .object(TemplateFields(literal: elements)) }
}

/// Lets `TemplateValue(any:)` recognise a nil wrapped in `Any` (`["summary": optionalString]`).
private protocol OptionalValue { var wrappedValue: Any? { get } }
extension Optional: OptionalValue {
    var wrappedValue: Any? { self.map { $0 as Any } }
}

extension TemplateValue {
    /// Converts a page model built from Swift literals (`[String: Any]`, arrays, strings, numbers, optionals).
    /// The most common shapes are tried first; each is an exact-type cast, which is cheap.
    public init(any value: Any) {
        switch value {
        case let text as String: self = .text(text)
        case let fields as [String: Any]: self = .object(TemplateFields(fields.lazy.map { ($0.key, TemplateValue(any: $0.value)) }))
        case let items as [[String: Any]]:
            self = .list(items.map { .object(TemplateFields($0.lazy.map { ($0.key, TemplateValue(any: $0.value)) })) })
        case let ready as TemplateFields: self = .object(ready)
        case let flag as Bool: self = .bool(flag)
        case let ready as TemplateValue: self = ready
        case let texts as [String]: self = .list(texts.map(TemplateValue.text))
        case let table as [String: String]: self = .object(TemplateFields(table.lazy.map { ($0.key, TemplateValue.text($0.value)) }))
        case let items as [TemplateValue]: self = .list(items)
        case let number as Int: self = .text(String(number))
        case let number as Double: self = .text(String(number))
        case let items as [Any]: self = .list(items.map(TemplateValue.init(any:)))
        case let text as Substring: self = .text(String(text))
        case let optional as OptionalValue:
            if let wrapped = optional.wrappedValue { self = TemplateValue(any: wrapped) } else { self = .null }
        default: self = .text(String(describing: value))
        }
    }
}
