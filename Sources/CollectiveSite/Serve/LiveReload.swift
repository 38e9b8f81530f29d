import Foundation

/// The browser side of live reload. Pages load one small external script (an inline script would be blocked
/// by the pages' Content-Security-Policy, `script-src 'self'`); it listens to Server-Sent Events at
/// `/__collective/events` and reloads when the build version changes: after a rebuild, after a failed
/// rebuild (to show the error overlay) and after the fix (to leave it).
public enum LiveReload {
    public static let scriptPath = "/__collective/reload.js"
    public static let eventsPath = "/__collective/events"

    /// What the renderer injects before `</body>` in serve mode (`BuildOptions.liveReloadScript`).
    /// It is the same in every build, so that serving does not make every page look changed.
    public static let snippet = #"<script src="/__collective/reload.js"></script>"#

    /// The server stamps each HTML page with the version it was served at, so that a page that was served
    /// just before a rebuild still notices it (the first event it receives is the current version).
    public static func stamp(_ html: Data, version: String) -> Data {
        let needle = Data(#"src="/__collective/reload.js""#.utf8)
        guard let range = html.range(of: needle) else { return html }
        var stamped = html
        stamped.replaceSubrange(range, with: Data(#"src="/__collective/reload.js?v=\#(version)""#.utf8))
        return stamped
    }

    public static let javascript = """
        // Live reload for `collective serve` (never part of a published site).
        (function () {
          'use strict';
          if (!window.EventSource) { return; }
          var script = document.currentScript;
          var served = script ? new URL(script.src, location.href).searchParams.get('v') : null;
          var source = new EventSource('\(eventsPath)');
          source.onmessage = function (event) {
            if (served === null) { served = event.data; return; }
            if (event.data !== served) { source.close(); location.reload(); }
          };
        })();

        """
}
