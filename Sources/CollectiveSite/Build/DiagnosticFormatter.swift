import Foundation
import ImpactDomain

/// Diagnostics for machines: GitHub Actions workflow commands, so a CI job annotates the line that broke the
/// data, and a JSON list for other tools. (People get `Diagnostic.description`: `path:line:column: error: …`.)
public enum DiagnosticFormatter {
    public static func github(_ d: Diagnostic) -> String {
        // Workflow-command escaping: % CR LF in the message; also , and : in properties.
        func escapeData(_ s: String) -> String {
            s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
                .replacingOccurrences(of: "\n", with: "%0A")
        }
        func escapeProperty(_ s: String) -> String {
            escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
        }
        // Line breaks become %0A (an annotation may span lines); other control characters become visible escapes.
        let message = d.hint.map { "\(d.message) (hint: \($0))" } ?? d.message
        let path = Diagnostic.printable(escapeProperty(d.location.path))
        return "::\(d.severity.rawValue) file=\(path),line=\(d.location.line),col=\(d.location.column)::\(Diagnostic.printable(escapeData(message)))"
    }

    public static func json(_ diagnostics: [Diagnostic]) -> String {
        let string = JSONWriter.quoted  // the one JSON string writer of the project
        let items = diagnostics.map { d in
            "  {\"severity\": \(string(d.severity.rawValue)), \"file\": \(string(d.location.path)), \"line\": \(d.location.line), "
                + "\"column\": \(d.location.column), \"message\": \(string(d.message)), \"hint\": \(d.hint.map(string) ?? "null")}"
        }
        return items.isEmpty ? "[]" : "[\n" + items.joined(separator: ",\n") + "\n]"
    }
}
