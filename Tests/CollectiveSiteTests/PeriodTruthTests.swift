import Foundation
import Testing
@testable import CollectiveSite
import ImpactDomain

/// The sample site, built once per test, read as a funder reads it: which target, which period, which
/// completeness each page shows for a figure.
@Suite(.serialized) struct PeriodTruthTests {
    static let repository = SiteBuildTests.repository

    /// Builds `content` (the sample by default) and returns the output folder.
    func build(content: String? = nil) throws -> String {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("truth-\(UUID().uuidString)").path + "/_site"
        let options = BuildOptions(contentDirectory: content ?? Self.repository + "/content",
                                   templatesDirectory: Self.repository + "/templates", outputDirectory: out)
        let report = SiteBuilder.build(options)
        let errors = report.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors)")
        return out
    }

    func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// Class 8: a brief lists only the outcomes of its year up to the end of its period. Oporajita's outcomes of
    /// 2026-07-15 and 2026-08-28 are after 2026-Q2; its status summary is the one that stood at 2024-Q3.
    @Test func aBriefShowsNothingFromAfterItsPeriod() throws {
        let out = try build()
        let q2 = try read(out + "/oporajita/brief/2026-Q2.html")
        #expect(q2.contains("Systems change in 2026, up to the end of 2026-Q2"))
        #expect(q2.contains("Employers and the workers&#39; forum meet without a mediator"))  // 2026-05-20
        #expect(!q2.contains("retrain first"))  // 2026-07-15
        #expect(!q2.contains("Women workers present their own evidence nationally"))  // 2026-08-28
        let q3 = try read(out + "/oporajita/brief/2026-Q3.html")
        #expect(q3.contains("retrain first") && q3.contains("Women workers present their own evidence nationally"))
        // The status counts of the earliest brief are those of 2024-Q3, not of the latest quarter.
        let first = try read(out + "/oporajita/brief/2024-Q3.html")
        #expect(first.contains("Collective indicators: 5 of 5 on track or achieved."))
        #expect(q3.contains("Collective indicators: 3 of 5 on track or achieved."))
    }
}
