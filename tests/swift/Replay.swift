import Foundation
import Gongji
import XCTest

// Every conformance vector through `invokeJson`, from the flat case file (tests/vectors/README.md): the
// output text must equal the expected text byte for byte; errors are compared by code, field and rule.

/// `$GONGJI_CASES`, else the first `target/vectors/cases.tsv` found walking up from this file (what
/// `cargo run -p gongji-conformance --bin cases` writes).
private func casesFile() -> URL? {
    if let env = ProcessInfo.processInfo.environment["GONGJI_CASES"] {
        return URL(fileURLWithPath: env)
    }
    var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while dir.path != "/" {
        let candidate = dir.appendingPathComponent("target/vectors/cases.tsv")
        if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        dir = dir.deletingLastPathComponent()
    }
    return nil
}

/// A column with `\\`, `\t`, `\n` and `\r` read back.
private func unescape(_ column: Substring) -> String {
    var out = String.UnicodeScalarView()
    var escaped = false
    for c in column.unicodeScalars {
        if escaped {
            out.append(c == "t" ? "\t" : c == "n" ? "\n" : c == "r" ? "\r" : c)
            escaped = false
        } else if c == "\\" {
            escaped = true
        } else {
            out.append(c)
        }
    }
    return String(out)
}

final class VectorTests: XCTestCase {
    func testEveryVectorReplaysIdentically() throws {
        let file = try XCTUnwrap(casesFile(), "no case file: run `cargo run -p gongji-conformance --bin cases` or set GONGJI_CASES")
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        XCTAssertFalse(lines.isEmpty, "no vector cases in \(file.path)")
        var failures: [String] = []
        for line in lines {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(unescape)
            if let problem = replay(cols) { failures.append("\(cols[0]): \(problem)") }
        }
        XCTAssertEqual(failures, [], "\(failures.count) of \(lines.count) cases failed")
        print("\(lines.count - failures.count) passed, \(failures.count) failed")
    }

    /// Columns: name, op, book (empty: the embedded one), `document` or `text`, input, then `output` and the
    /// text, or `error`, code, field and optionally rule. `nil` when the case matches, else what differs.
    private func replay(_ cols: [String]) -> String? {
        let (op, book, input, kind, want) = (cols[1], cols[2], cols[4], cols[5], Array(cols.dropFirst(6)))
        let output: String
        do {
            output = try invokeJson(op: op, input: input, bookJson: book.isEmpty ? nil : book)
        } catch GongjiError.Rejected(let code, let rule, let field, _, let messageEn) {
            guard kind == "error" else { return "unexpected error \(code) at \(field): \(messageEn)" }
            if [code.description, field] != Array(want.prefix(2)) { return "error \(code) at \(field), expected \(want)" }
            if want.count > 2, rule != want[2] { return "error rule \(rule ?? "null"), expected \(want[2])" }
            return nil
        } catch {
            return "\(error)"
        }
        guard kind == "output" else { return "expected error \(want), got \(output)" }
        // Bytes, not Swift's canonical equivalence of strings.
        return output.utf8.elementsEqual(want[0].utf8) ? nil : "output differs\n  expected \(want[0])\n  got      \(output)"
    }
}
