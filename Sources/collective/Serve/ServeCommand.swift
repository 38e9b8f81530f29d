import ArgumentParser
import CollectiveSite
import FlyingFox
import FlyingSocks
import Foundation
import ImpactDomain

/// `collective serve`: build, serve on this computer, rebuild on every change, reload open tabs.
///
/// The steps: watch the folders → first build → serve. Every later build runs on the watcher's thread, one at
/// a time, while the server keeps answering from the previous site (the build swaps the folder in whole).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site, show it in your browser, and update it every time you save a file.",
        discussion: """
        Builds the site, serves it at http://127.0.0.1:8080/ and watches --content and --templates. Each time \
        a file changes, the site is rebuilt and open browser tabs reload by themselves. When a change breaks \
        the build, every page shows the problems (file, line, column, how to fix it) until the next good build.

        The preview is written to --output, never to _site: its pages carry a small live-reload script that \
        `collective build` never adds. Press Ctrl-C to stop.
        """
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: ArgumentHelp("Folder for the preview site (replaced on every build).", valueName: "dir"))
    var output = ".collective-cache/serve"

    @Option(name: .long, help: ArgumentHelp("Address to listen on. The default answers only this computer; 0.0.0.0 lets other computers on the network in.", valueName: "ip"))
    var host = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("Port to listen on.", valueName: "port"))
    var port: UInt16 = 8080

    @Option(name: .customLong("base-url"), help: ArgumentHelp("Absolute URL for canonical links, the feed and the sitemap (default: this server's address).", valueName: "url"))
    var baseURL: String?

    func validate() throws {
        guard (try? sockaddr_in.inet(ip4: listenAddress, port: port)) != nil else {
            throw ValidationError("--host must be an IPv4 address such as 127.0.0.1 (or 0.0.0.0 for the whole network), got `\(host)`")
        }
        if let baseURL, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://") || baseURL.hasPrefix("/")) {
            throw ValidationError("--base-url must start with https://, http:// or /, got `\(baseURL)`")
        }
        // The preview must not be written inside a watched folder (every build would trigger the next),
        // nor contain one (the build replaces its output folder whole).
        let out = Self.absolute(output)
        for (flag, folder) in [("--content", site.content), ("--templates", site.templates)] {
            let watched = Self.absolute(folder)
            if out == watched || out.hasPrefix(watched + "/") || watched.hasPrefix(out + "/") {
                throw ValidationError("--output `\(output)` overlaps \(flag) `\(folder)`; choose a folder outside it")
            }
        }
    }

    func run() async throws {
        // A browser that closes a tab mid-response must not end the server.
        signal(SIGPIPE, SIG_IGN)

        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: site.content, isDirectory: &isFolder), isFolder.boolValue else {
            Terminal.error("there is no content folder `\(site.content)` here. Run `collective serve` in a site folder, "
                           + "pass --content, or create a site with `collective new site <folder>`")
            throw ExitCode(1)
        }

        // Fail on a busy port before building: a second `serve` must not rebuild the first one's preview.
        let address = try sockaddr_in.inet(ip4: listenAddress, port: port)
        do {
            try Self.checkPortIsFree(address)
        } catch {
            Terminal.error(Self.describeBindFailure(error, host: host, port: port))
            throw ExitCode(1)
        }

        let live = LiveSite()
        let options = BuildOptions(contentDirectory: site.content, templatesDirectory: site.templates, outputDirectory: output,
                                   baseURL: baseURL ?? "http://\(publicHost):\(port)/", strict: site.strict,
                                   liveReloadScript: LiveReload.snippet)
        let rebuilder = Rebuilder(options: options, format: site.format, live: live)

        let watcher: FileWatcher
        do {
            let roots = [site.content, site.templates].filter { FileManager.default.fileExists(atPath: $0) }
            watcher = try FileWatcher(roots: roots)
        } catch {
            Terminal.error("\(error)")
            throw ExitCode(1)
        }

        rebuilder.rebuild(changes: [])
        watcher.start { changes in rebuilder.rebuild(changes: changes) }

        // Keeps idle event streams alive through proxies, and finds tabs that went away.
        let heartbeat = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(15))
                live.heartbeat()
            }
        }
        defer { heartbeat.cancel() }

        let server = HTTPServer(address: address, timeout: 60, logger: .disabled,
                                handler: SiteRequestHandler(responder: SiteResponder(files: StaticFiles(root: output)), live: live))
        let announce = Task { [host, port, content = site.content, publicHost] in
            try await server.waitUntilListening()
            NoDelay.enable(onListenerAt: port)
            Terminal.out("serving \(content) at http://\(publicHost):\(port)/ (press Ctrl-C to stop)")
            if host == "0.0.0.0" { Terminal.error("note: --host 0.0.0.0 lets every computer on your network see this preview") }
        }
        defer { announce.cancel() }

        do {
            try await server.run()
        } catch {
            Terminal.error(Self.describeBindFailure(error, host: host, port: port))
            throw ExitCode(1)
        }
    }

    static func checkPortIsFree(_ address: sockaddr_in) throws {
        let socket = try Socket(domain: AF_INET)
        defer { try? socket.close() }
        // Same options as the server's own socket, so that the answer is the same.
        try socket.setValue(true, for: .localAddressReuse)
        try socket.bind(to: address)
    }

    static func describeBindFailure(_ error: any Error, host: String, port: UInt16) -> String {
        if case SocketError.failed(_, let code, _) = error, code == EADDRINUSE {
            return "port \(port) on \(host) is already in use (another `collective serve`?): stop it, or pass --port \(Int(port) + 1)"
        }
        return "cannot serve on \(host):\(port): \(error.localizedDescription)"
    }

    /// `localhost` is accepted for convenience; FlyingFox binds IPv4 dotted addresses.
    private var listenAddress: String { host == "localhost" ? "127.0.0.1" : host }

    /// The address to print and to use in absolute links: 0.0.0.0 is not an address a browser can open.
    private var publicHost: String { host == "0.0.0.0" ? "127.0.0.1" : listenAddress }

    static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return (full as NSString).standardizingPath
    }
}

/// Runs one build at a time and tells the terminal and the browser how it went.
final class Rebuilder: Sendable {
    let options: BuildOptions
    let format: DiagnosticFormat
    let live: LiveSite

    init(options: BuildOptions, format: DiagnosticFormat, live: LiveSite) {
        self.options = options; self.format = format; self.live = live
    }

    /// `changes` is empty for the first build.
    func rebuild(changes: [String]) {
        if !changes.isEmpty { Terminal.out("changed: " + Self.describe(changes)) }
        let wasFailing = live.currentFailure != nil
        live.buildStarted()
        let start = ContinuousClock.now
        let report = SiteBuilder.build(options)
        let elapsed = start.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18

        DiagnosticPrinter(format: format).print(report.diagnostics)
        if report.failed(strict: options.strict) {
            Terminal.error("build failed: \(summary(report.diagnostics)); the browser shows the problems until the next good build")
            live.publish(failure: report.diagnostics)
            return
        }
        let what = report.rebuilt.isEmpty ? "\(report.pagesWritten) pages" : report.rebuilt.joined(separator: ", ")
        let warnings = report.diagnostics.isEmpty ? "" : " (\(summary(report.diagnostics)))"
        let verb = changes.isEmpty ? "built" : "rebuilt"
        Terminal.out("\(verb) \(what) in \(milliseconds(seconds))\(warnings)" + (wasFailing ? "; the site is back" : ""))
        live.publish(failure: nil)
    }

    /// `a, b and 3 more`: enough to recognise the save, short enough for one line.
    static func describe(_ paths: [String]) -> String {
        let shown = paths.prefix(3).joined(separator: ", ")
        return paths.count > 3 ? "\(shown) and \(paths.count - 3) more" : shown
    }
}
