import ImpactDomain

/// The pipeline: load → validate → compute → render → write. (Stub; the lead is implementing it.)
public enum SiteBuilder {
    /// Validates everything and writes the site atomically into `options.outputDirectory`.
    /// Never throws for bad input: problems come back as diagnostics, and nothing is written when there are errors.
    public static func build(_ options: BuildOptions, progress: (@Sendable (String) -> Void)? = nil) -> BuildReport {
        BuildReport(diagnostics: [])
    }

    /// Validates everything without writing output.
    public static func check(_ options: BuildOptions) -> BuildReport {
        BuildReport(diagnostics: [])
    }
}
