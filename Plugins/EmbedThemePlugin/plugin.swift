import Foundation
import PackagePlugin

/// Carries the repository's default theme (`templates/`) into the CollectiveSite module as Swift source generated
/// into the build folder, so that `collective new site` can copy it from the binary and no generated file is
/// committed. SwiftPM resources must live inside a target's folder, while the theme lives at the top level where
/// users find and copy it.
///
/// Every template file is an input of the command, so an edited template regenerates the source. SwiftPM keeps a
/// command's list of inputs from its last plan and plans again only when a target's folder changes: the symbolic
/// link `theme` in this plugin's folder (pointing at `templates/`) makes an added or deleted template such a
/// change. Without it, deleting a template failed every later build with "missing inputs" until `.build` was
/// removed. (A prebuild command would need no input list, but SwiftPM does not run those on every build.)
@main
struct EmbedThemePlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL
        let templates = package.appending(path: "templates", directoryHint: .isDirectory)
        let script = package.appending(path: "scripts/embed-theme.sh")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedTheme.swift")
        var inputs: [URL] = [templates, script]
        if let enumerator = FileManager.default.enumerator(at: templates, includingPropertiesForKeys: nil) {
            for case let url as URL in enumerator { inputs.append(url) }
        }
        inputs.sort { $0.path < $1.path }
        return [
            .buildCommand(
                displayName: "Embedding the default theme from templates/",
                executable: URL(fileURLWithPath: "/bin/bash"),
                arguments: [script.path, templates.path, output.path],
                inputFiles: inputs,
                outputFiles: [output]
            ),
        ]
    }
}
