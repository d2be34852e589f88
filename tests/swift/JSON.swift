import Foundation

/// A small JSON reader and two writers for the conformance vectors. `compact` keeps key order (the
/// document as sent: the core's error paths depend on it, and `JSONSerialization` would lose it);
/// `canonical` sorts keys by code point and escapes strings as JSON.stringify does, which is what every
/// client compares. Numbers keep their source text.
indirect enum JSON {
    case object([(String, JSON)])
    case array([JSON])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    subscript(key: String) -> JSON? {
        if case .object(let fields) = self {
            return fields.first(where: { $0.0 == key })?.1
        }
        return nil
    }

    var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    var items: [JSON] {
        if case .array(let a) = self { return a }
        return []
    }

    var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    func compact() -> String {
        var out = ""
        write(&out, sorted: false)
        return out
    }

    func canonical() -> String {
        var out = ""
        write(&out, sorted: true)
        return out
    }

    private func write(_ out: inout String, sorted: Bool) {
        switch self {
        case .object(let fields):
            let ordered = sorted
                ? fields.sorted { a, b in
                    a.0.unicodeScalars.map { $0.value }.lexicographicallyPrecedes(b.0.unicodeScalars.map { $0.value })
                }
                : fields
            out += "{"
            for (i, field) in ordered.enumerated() {
                if i > 0 { out += "," }
                JSON.quote(field.0, into: &out)
                out += ":"
                field.1.write(&out, sorted: sorted)
            }
            out += "}"
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(&out, sorted: sorted)
            }
            out += "]"
        case .string(let s):
            JSON.quote(s, into: &out)
        case .number(let raw):
            out += raw
        case .bool(let b):
            out += b ? "true" : "false"
        case .null:
            out += "null"
        }
    }

    /// JSON.stringify's escapes: `"`, `\` and control characters.
    static func quote(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    struct ParseError: Error, CustomStringConvertible {
        let description: String
    }

    static func parse(_ text: String) throws -> JSON {
        var p = Parser(units: Array(text.utf16))
        let value = try p.value()
        p.skipSpace()
        guard p.at == p.units.count else { throw ParseError(description: "trailing characters at \(p.at)") }
        return value
    }

    /// Reads UTF-16 code units: structure is ASCII, string contents are copied unit by unit.
    private struct Parser {
        let units: [UInt16]
        var at = 0

        init(units: [UInt16]) {
            self.units = units
        }

        func fail(_ message: String) -> ParseError {
            ParseError(description: "JSON: \(message) at \(at)")
        }

        func peek() -> UInt16? {
            at < units.count ? units[at] : nil
        }

        mutating func skipSpace() {
            while let c = peek(), c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D {
                at += 1
            }
        }

        mutating func expect(_ c: Character) throws {
            guard let u = peek(), u == c.utf16.first else { throw fail("expected '\(c)'") }
            at += 1
        }

        mutating func value() throws -> JSON {
            skipSpace()
            guard let c = peek() else { throw fail("unexpected end") }
            switch c {
            case 0x7B: return try object()
            case 0x5B: return try array()
            case 0x22: return .string(try string())
            case 0x74: return try word("true", .bool(true))
            case 0x66: return try word("false", .bool(false))
            case 0x6E: return try word("null", .null)
            default: return try number()
            }
        }

        mutating func word(_ w: String, _ v: JSON) throws -> JSON {
            for u in w.utf16 {
                guard peek() == u else { throw fail("bad literal") }
                at += 1
            }
            return v
        }

        mutating func object() throws -> JSON {
            at += 1
            var fields: [(String, JSON)] = []
            skipSpace()
            if peek() == 0x7D {
                at += 1
                return .object(fields)
            }
            while true {
                skipSpace()
                guard peek() == 0x22 else { throw fail("expected a key") }
                let key = try string()
                skipSpace()
                try expect(":")
                fields.append((key, try value()))
                skipSpace()
                if peek() == 0x2C {
                    at += 1
                } else {
                    try expect("}")
                    return .object(fields)
                }
            }
        }

        mutating func array() throws -> JSON {
            at += 1
            var items: [JSON] = []
            skipSpace()
            if peek() == 0x5D {
                at += 1
                return .array(items)
            }
            while true {
                items.append(try value())
                skipSpace()
                if peek() == 0x2C {
                    at += 1
                } else {
                    try expect("]")
                    return .array(items)
                }
            }
        }

        mutating func string() throws -> String {
            at += 1
            var out: [UInt16] = []
            while true {
                guard let c = peek() else { throw fail("unterminated string") }
                at += 1
                if c == 0x22 { return String(decoding: out, as: UTF16.self) }
                if c != 0x5C {
                    out.append(c)
                    continue
                }
                guard let e = peek() else { throw fail("bad escape") }
                at += 1
                switch e {
                case 0x22, 0x5C, 0x2F: out.append(e)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                case 0x74: out.append(0x09)
                case 0x75:
                    guard at + 4 <= units.count,
                        let v = UInt16(String(decoding: units[at..<at + 4], as: UTF16.self), radix: 16)
                    else { throw fail("bad \\u escape") }
                    out.append(v)
                    at += 4
                default: throw fail("bad escape")
                }
            }
        }

        mutating func number() throws -> JSON {
            let start = at
            let allowed = Set("+-0123456789.eE".utf16)
            while let c = peek(), allowed.contains(c) {
                at += 1
            }
            guard at > start else { throw fail("unexpected character") }
            return .number(String(decoding: units[start..<at], as: UTF16.self))
        }
    }
}
