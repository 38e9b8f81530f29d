import ArgumentParser
import Foundation
import CollectiveSite
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
            for diagnostic in diagnostics { Terminal.out(DiagnosticFormatter.github(diagnostic)) }
        case .json:
            Terminal.out(DiagnosticFormatter.json(diagnostics))
        }
    }

}
