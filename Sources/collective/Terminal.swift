import ArgumentParser
import Foundation
import ImpactDomain

enum Terminal {
    static let isInteractive = isatty(STDERR_FILENO) == 1

    static func out(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// Shows the current stage on a terminal once a build has run for a second; silent when not a terminal,
/// so CI logs get only the one summary line.
final class BuildProgress: @unchecked Sendable {
    private let start = Date()
    private let lock = NSLock()
    private var shown = false

    func stage(_ name: String) {
        guard Terminal.isInteractive else { return }
        lock.lock(); defer { lock.unlock() }
        let elapsed = Date().timeIntervalSince(start)
        guard elapsed > 1 else { return }
        shown = true
        FileHandle.standardError.write(Data("\r\u{1B}[2K[\(String(format: "%.1f", elapsed)) s] \(name)…".utf8))
    }

    func finish() {
        lock.lock(); defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}

enum DiagnosticFormat: String, CaseIterable, ExpressibleByArgument {
    case text, github, json
}

/// Prints diagnostics for people (`path:line:column: error: message`), for GitHub Actions
/// (`::error file=…,line=…,col=…::message`) or as a JSON list for other tools.
struct DiagnosticPrinter {
    let format: DiagnosticFormat

    func print(_ diagnostics: [Diagnostic]) {
        switch format {
        case .text:
            for diagnostic in diagnostics { Terminal.error(diagnostic.description) }
        case .github:
            for diagnostic in diagnostics { Terminal.out(Self.github(diagnostic)) }
        case .json:
            Terminal.out(Self.json(diagnostics))
        }
    }

    static func github(_ d: Diagnostic) -> String {
        // Workflow-command escaping: % CR LF in the message; also , and : in properties.
        func escapeData(_ s: String) -> String {
            s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
                .replacingOccurrences(of: "\n", with: "%0A")
        }
        func escapeProperty(_ s: String) -> String {
            escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
        }
        let message = d.hint.map { "\(d.message) (hint: \($0))" } ?? d.message
        return "::\(d.severity.rawValue) file=\(escapeProperty(d.location.path)),line=\(d.location.line),col=\(d.location.column)::\(escapeData(message))"
    }

    static func json(_ diagnostics: [Diagnostic]) -> String {
        func string(_ s: String) -> String {
            var out = "\""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
        let items = diagnostics.map { d in
            "  {\"severity\": \(string(d.severity.rawValue)), \"file\": \(string(d.location.path)), \"line\": \(d.location.line), "
                + "\"column\": \(d.location.column), \"message\": \(string(d.message)), \"hint\": \(d.hint.map(string) ?? "null")}"
        }
        return items.isEmpty ? "[]" : "[\n" + items.joined(separator: ",\n") + "\n]"
    }
}
