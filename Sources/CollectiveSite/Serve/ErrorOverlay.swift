import Foundation
import ImpactDomain

/// The page every browser tab shows while the latest rebuild has errors, instead of a stale site:
/// each problem with its file, line, column, severity, message and hint. Everything from the diagnostics
/// is HTML-escaped: messages quote the user's content, which may hold markup.
public enum ErrorOverlay {
    /// Served as a header with the overlay: only our reload script and the inline style below.
    public static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

    /// More than this many problems is one broken file; the terminal has the full list.
    public static let limit = 200

    /// Requests for pages (not stylesheets, images or downloads) get the error overlay while a build fails.
    public static func isPage(_ path: String) -> Bool {
        let last = path.split(separator: "/").last.map(String.init) ?? ""
        if path.hasSuffix("/") || last.isEmpty { return true }
        let ext = (last as NSString).pathExtension.lowercased()
        return ext.isEmpty || ext == "html" || ext == "htm"
    }

    public static func html(_ diagnostics: [Diagnostic], version: String) -> String {
        let ordered = diagnostics.sorted { ($0.severity, $0.location, $0.message) < ($1.severity, $1.location, $1.message) }
        var items = ""
        for d in ordered.prefix(limit) {
            items += """
                <li class="\(d.severity.rawValue)">
                <p class="where"><code>\(escapeHTML(d.location.description))</code> <span class="severity">\(d.severity.rawValue)</span></p>
                <p class="message">\(escapeHTML(d.message))</p>
                """
            if let hint = d.hint { items += "\n<p class=\"hint\">How to fix it: \(escapeHTML(hint))</p>" }
            items += "\n</li>\n"
        }
        if ordered.count > limit {
            items += "<li class=\"more\">and \(ordered.count - limit) more: see the terminal.</li>\n"
        }
        let errors = diagnostics.errorCount, warnings = diagnostics.warningCount
        let counts = "\(errors) error\(errors == 1 ? "" : "s")" + (warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : "")
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Build failed: \(counts)</title>
            <style>
            body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1f24; background: #fdf3f2; }
            main { max-width: 56rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
            h1 { font-size: 1.6rem; margin: 0 0 .5rem; color: #8a1c12; }
            ol { list-style: none; padding: 0; }
            li { background: #fff; border: 1px solid #e3c4c0; border-left: 6px solid #b3261e; border-radius: 4px; padding: .75rem 1rem; margin: 0 0 .75rem; }
            li.warning { border-left-color: #9a6700; }
            li p { margin: .2rem 0; }
            code { font: 14px/1.4 ui-monospace, "SFMono-Regular", Menlo, monospace; overflow-wrap: anywhere; }
            .severity { display: inline-block; font-size: .8rem; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; padding: 0 .4rem; border-radius: 3px; background: #b3261e; color: #fff; }
            .warning .severity { background: #9a6700; }
            .message { font-weight: 600; }
            .hint { color: #3d4450; }
            </style>
            </head>
            <body>
            <main>
            <h1>The site could not be rebuilt</h1>
            <p>\(counts). Fix the files below and save them: this page reloads by itself, and the site comes back as soon as the build succeeds. Nothing was published.</p>
            <ol>
            \(items)</ol>
            </main>
            <script src="\(LiveReload.scriptPath)?v=\(escapeHTML(version))"></script>
            </body>
            </html>

            """
    }
}
