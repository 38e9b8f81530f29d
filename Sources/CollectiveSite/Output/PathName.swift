/// Splitting a path into its folder and its last name, with NSString's results but without NSString:
/// swift-corelibs-foundation (Swift 6.3, Linux) traps in `deletingLastPathComponent` on a one-character
/// relative path, so `collective build --output B` crashed before writing anything.
enum PathName {
    /// The folder part: `a/b` → `a`, `a/b/` → `a`, `/b` → `/`, `b` → `` (empty: the working directory), `/` → `/`.
    static func parent(_ path: String) -> String {
        let trimmed = withoutTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        var folder = trimmed[..<slash]
        while folder.count > 1, folder.hasSuffix("/") { folder.removeLast() }
        return folder.isEmpty ? "/" : String(folder)
    }

    /// The last name: `a/b` → `b`, `a/b/` → `b`, `b` → `b`, `/` → `/`.
    static func last(_ path: String) -> String {
        let trimmed = withoutTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/"), trimmed != "/" else { return trimmed }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// `.collective-cache/<name of output><suffix>` in the folder that holds `output` (the build cache and the
    /// spare site live there, so they stay with the site they belong to).
    static func cacheBeside(output: String, suffix: String = "") -> String {
        let parent = parent(output)
        let folder = parent.isEmpty ? "" : parent.hasSuffix("/") ? parent : parent + "/"
        return folder + ".collective-cache/" + last(output) + suffix
    }

    private static func withoutTrailingSlashes(_ path: String) -> String {
        var path = Substring(path)
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return String(path)
    }
}
