import Foundation
import ImpactDomain
import Synchronization
import Testing
@testable import CollectiveSite

/// The texts of each period's figures, made once per indicator and shown by every page (`PeriodFigureTable`).
@Suite struct PeriodFigureTableTests {
    static func samplePages() throws -> (InitiativePages, InitiativeResults) {
        let (site, diagnostics) = try SampleContent.load()
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let content = try #require(site.initiatives.first { $0.initiative.slug == "opo" })
        let results = try #require(validateAndCompute(content.initiative, settings: site.config.computation).1)
        let (templates, _) = TemplateSet.load(directory: SiteBuildTests.repository + "/templates")
        let frame = PageFrame(config: site.config, paths: SitePaths(baseURL: site.config.baseURL), templates: templates,
                              stylesheet: "style.css", initiatives: [("opo", "Oporajita")], liveReloadScript: nil)
        return (InitiativePages(content: content, results: results, frame: frame, language: "en"), results)
    }

    @Test func textsAreWhatPresentDecidesForEachPeriod() throws {
        let (pages, results) = try Self.samplePages()
        let present = pages.present
        for result in results.indicators {
            let texts = pages.periodTexts(result)
            #expect(texts.count == result.periods.count)
            for (period, shown) in zip(result.periods, texts) {
                #expect(shown.key == period.period.description)
                #expect(shown.value == pages.ownerLeft(result.indicator, period) ?? present.periodValue(period, result.indicator))
                #expect(shown.toDate == present.toDate(period, result.indicator))
                #expect(shown.target == present.periodTarget(period, result.indicator))
                #expect(shown.progress == present.share(period.progress))
                #expect(shown.expected == present.share(period.expected))
                #expect(shown.partialMark == present.partialMark(result, period.period))
            }
        }
    }

    @Test func periodsAreComparedWithTheOneBefore() throws {
        let (pages, results) = try Self.samplePages()
        // Workers trained: 180 (the backbone's deduplicated row) in 2024-Q1, 130 (CAIF's alone) in 2024-Q2.
        let trained = try #require(results.indicator("trained"))
        let texts = pages.periodTexts(trained)
        #expect(texts.map(\.key) == ["2024-Q1", "2024-Q2"])
        #expect(texts[0].bareValue == "180")
        #expect(texts[0].since == nil)  // no period before the first
        #expect(texts[1].bareValue == "130")
        let since = try #require(texts[1].since)
        #expect(since.before == "180")
        // 180 is counted once (the `*` row), 130 a partner's count with no `*` row: two kinds of figure, so no change
        // is computed between them (not "−50"); the cell shows "—" and, when the status moved, what it was.
        #expect(since.delta == nil)
        #expect(since.change == (since.statusWas.map { "— " + $0 } ?? "—"))
        // A partner's own indicator is in no "what changed" box: nothing is formatted for one.
        let story = try #require(results.indicator("story"))
        #expect(pages.periodTexts(story).allSatisfy { $0.bareValue == nil && $0.since == nil })
    }

    @Test func eachIndicatorsTextsAreMadeOnceAndShared() {
        let table = PeriodFigureTable(indicators: ["a", "b"])
        let made = Mutex<[String]>([])
        func texts(_ id: String) -> [PeriodTexts] {
            table.texts(id) {
                made.withLock { $0.append(id) }
                return [PeriodTexts(key: "2024-Q1", label: "2024-Q1", value: id, toDate: "—", target: "—", progress: "—",
                                    expected: "—", status: .null, partialMark: nil, bareValue: nil, since: nil)]
            }
        }
        #expect(texts("a").map(\.value) == ["a"])
        #expect(texts("a").map(\.value) == ["a"])
        #expect(texts("b").map(\.value) == ["b"])
        // An id the table was not made for is made on every call and never kept.
        #expect(texts("c").map(\.value) == ["c"])
        #expect(texts("c").map(\.value) == ["c"])
        #expect(made.withLock { $0 } == ["a", "b", "c", "c"])
    }

    /// Asked by position, the table gives the texts kept for the id at that position, made once whichever way they
    /// are asked first; a position that holds another id (or none) is answered by id.
    @Test func textsAskedByPositionAreThoseKeptForTheID() {
        let table = PeriodFigureTable(indicators: ["a", "b", "a"])
        let made = Mutex<[String]>([])
        func make(_ id: String) -> () -> [PeriodTexts] {
            {
                made.withLock { $0.append(id) }
                return [PeriodTexts(key: "2024-Q1", label: "2024-Q1", value: id, toDate: "—", target: "—", progress: "—",
                                    expected: "—", status: .null, partialMark: nil, bareValue: nil, since: nil)]
            }
        }
        #expect(table.texts(at: 0, "a", make: make("a")).map(\.value) == ["a"])
        #expect(table.texts("a", make: make("a")).map(\.value) == ["a"])
        #expect(table.texts(at: 2, "a", make: make("a")).map(\.value) == ["a"])
        #expect(table.texts("b", make: make("b")).map(\.value) == ["b"])
        #expect(table.texts(at: 1, "b", make: make("b")).map(\.value) == ["b"])
        // Position 1 holds "b": asked there for "a", the table answers for "a"; a position past the end, by id too.
        #expect(table.texts(at: 1, "a", make: make("a")).map(\.value) == ["a"])
        #expect(table.texts(at: 7, "b", make: make("b")).map(\.value) == ["b"])
        #expect(table.texts(at: 7, "c", make: make("c")).map(\.value) == ["c"])
        #expect(made.withLock { $0 } == ["a", "b", "c"])
    }

    /// An indicator's headline bar is drawn once and shown by every page with the headline: the same bar as
    /// drawing it afresh.
    @Test func anIndicatorsProgressBarIsDrawnOnceForEveryHeadline() throws {
        let (pages, results) = try Self.samplePages()
        let result = try #require(results.indicators.first { $0.latest?.progress != nil })
        let latest = try #require(result.latest)
        let afresh = PageCharts.progress(latest, present: pages.present, id: "pb-opo-\(result.indicator.id)")
        #expect(afresh.contains("<svg"))
        for path in ["opo/index.html", "opo/indicators/\(result.indicator.id).html"] {
            guard case .text(let bar) = pages.summary(result, from: path)["progressBar"] else {
                Issue.record("no progress bar on \(path)")
                continue
            }
            #expect(bar == afresh)
        }
        let table = PeriodFigureTable(indicators: ["a"])
        var made = 0
        for _ in 0..<3 { #expect(table.progressBar("a") { made += 1; return "<svg/>" } == "<svg/>") }
        #expect(made == 1)
        // An id the table was not made for is drawn on every call.
        for _ in 0..<2 { _ = table.progressBar("z") { made += 1; return "" } }
        #expect(made == 3)
    }

    /// The latest contributions a partner's page shows, made once per indicator: each share is the contribution's
    /// share of the whole with what it is a share of ("—" without one), the collective value is the period's with
    /// its counts, and the link leads from the partners' folder to the indicator's page; every partner's page
    /// shows them.
    @Test func latestContributionsAreWhatEachPartnersPageShows() throws {
        let (pages, results) = try Self.samplePages()
        var checked = 0
        for result in results.indicators where result.indicator.scope != .partner {
            guard let latest = result.latest, !latest.contributions.isEmpty else { continue }
            let path = SitePaths.partner("opo", latest.contributions[0].partner, language: nil)
            let made = pages.latestContributions(result, latest, from: path)
            let shares = pages.shareTexts(latest)
            let base = pages.shareBase(latest, result.indicator)
            #expect(made.shares == latest.contributions.indices.map { position in
                latest.contributions[position].share == nil ? "—" : [shares[position], base].compactMap { $0 }.joined(separator: " ")
            })
            #expect(made.collective == pages.present.valueWithCounts(latest.value, numerator: latest.numerator,
                                                                     denominator: latest.denominator, result.indicator))
            #expect(made.period == latest.period.description)
            #expect(made.href == SitePaths.link(from: path, to: SitePaths.indicator("opo", result.indicator.id, language: nil)))
            for contribution in latest.contributions where pages.initiative.partner(contribution.partner) != nil {
                let page = String(decoding: pages.partner(try #require(pages.initiative.partner(contribution.partner))).bytes,
                                  as: UTF8.self)
                #expect(page.contains(escapeHTML(made.collective)), "\(contribution.partner)")
                checked += 1
            }
        }
        #expect(checked > 0)
    }

    /// A period's brief and report show one set of rows, made once: the brief's tables every indicator with
    /// figures through the period, the report's the collective and collaboration ones, with the same figures as
    /// the period's texts.
    @Test func aPeriodsRowsAreMadeOnceForItsBriefAndReport() throws {
        let (pages, results) = try Self.samplePages()
        let period = try #require(results.periods.last)
        let rows = pages.figureRows(period)
        let again = pages.figureRows(period)
        func ids(_ rows: [TemplateValue]) -> [String] {
            rows.compactMap { if case .text(let id)? = $0["id"] { id } else { nil } }
        }
        #expect(ids(rows.collective) == ids(again.collective) && ids(rows.partner) == ids(again.partner))
        let figures = results.indicators.filter { $0.indicator.measure != .qualitative && $0.shownIndex(asked: period) != nil }
        #expect(ids(rows.collective) == figures.filter { $0.indicator.scope != .partner }.map(\.indicator.id))
        #expect(ids(rows.partner) == figures.filter { $0.indicator.scope == .partner }.map(\.indicator.id))
        #expect(!rows.collective.isEmpty)
        for row in rows.collective + rows.partner {
            guard case .text(let id)? = row["id"], let result = results.indicator(id),
                  let shown = result.shownIndex(asked: period) else {
                Issue.record("a row without its indicator: \(row)")
                continue
            }
            let texts = pages.periodTexts(result)[shown]
            if case .text(let value)? = row["value"] { #expect(value == texts.value) } else { Issue.record("\(id): no value") }
            if case .text(let href)? = row["href"] { #expect(href.hasPrefix("../indicators/\(id).html")) } else { Issue.record("\(id): no link") }
        }
        // The report reads the same rows as the brief's first table.
        let report = pages.reportFigures(period, from: SitePaths.report(pages.slug, period))
        #expect(ids(report.rows) == ids(rows.collective))
        #expect(report.toDateNote == rows.collectiveToDateNote)
        // Each table's note says why "To date" reads "—", when one of its rows does (`Present.toDateNote`).
        let shown = figures.map(\.indicator)
        #expect(rows.collectiveToDateNote == pages.present.toDateNote(shown.filter { $0.scope != .partner }))
        #expect(rows.partnerToDateNote == pages.present.toDateNote(shown.filter { $0.scope == .partner }))
    }

    /// "To date" reads "—" for a level measured in its period (a `latest` percentage, score or ratio), and the note
    /// under a table is there exactly when one of its rows does; a qualitative indicator has no figures at all.
    @Test func theToDateNoteIsThereWhenARowHasNoFigureToDate() throws {
        let (pages, _) = try Self.samplePages()
        let level = Indicator(id: "rate", name: "Rate", scope: .collective, measure: .percentage, acrossPeriods: .latest)
        let total = Indicator(id: "reached", name: "Reached", scope: .collective, acrossPeriods: .sum)
        let described = Indicator(id: "story", name: "Story", scope: .collective, measure: .qualitative, acrossPeriods: .latest)
        #expect(Present.hasDashToDate(level) && !Present.hasDashToDate(total) && !Present.hasDashToDate(described))
        let note = try #require(pages.present.toDateNote(needed: true))
        #expect(note == pages.labels["to_date_level_note"] && !note.isEmpty)
        #expect(pages.present.toDateNote(needed: false) == nil)
        #expect(pages.present.toDateNote([total, level]) == note && pages.present.toDateNote([total, described]) == nil)
    }

    /// An indicator's period table (its page's and its partner's page's) is made once: a row per period with the
    /// period's texts, and a second table of a few periods made apart.
    @Test func periodTablesAreTheTextsOfEveryPeriod() throws {
        let (pages, results) = try Self.samplePages()
        for result in results.indicators {
            let texts = pages.periodTexts(result)
            guard case .list(let rows) = pages.periodRows(result), case .list(let again) = pages.periodRows(result),
                  case .list(let last) = pages.periodRows(result, lastPeriods: 1) else {
                Issue.record("\(result.id): no rows")
                continue
            }
            #expect(rows.count == texts.count && again.count == texts.count && last.count == min(1, texts.count))
            for (row, text) in zip(rows, texts) {
                if case .text(let key)? = row["key"], case .text(let value)? = row["value"], case .text(let expected)? = row["expected"] {
                    #expect(key == text.key && value == text.value && expected == text.expected)
                } else {
                    Issue.record("\(result.id): a row without its texts")
                }
            }
            if case .text(let key)? = last.first?["key"] { #expect(key == texts.last?.key) }
        }
    }

    @Test func aPeriodsRowsAreMadeOnceAndKept() {
        let period = Period("2024-Q1")!
        let table = PeriodFigureTable(indicators: [], periods: [period])
        let made = Mutex<Int>(0)
        func rows(_ asked: Period) -> PeriodFigureRows {
            table.rows(asked) {
                made.withLock { $0 += 1 }
                return PeriodFigureRows(shown: [0], collective: ["row"], partner: [], collectiveToDateNote: nil, partnerToDateNote: nil)
            }
        }
        #expect(rows(period).collective.count == 1)
        #expect(rows(period).collective.count == 1)
        #expect(made.withLock { $0 } == 1)
        // A period the table was not made for is made on every call.
        _ = rows(period.next)
        _ = rows(period.next)
        #expect(made.withLock { $0 } == 3)
    }

    @Test func pagesOnBothCoresShareOneMaking() {
        let table = PeriodFigureTable(indicators: ["a"])
        let made = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 64) { _ in
            let texts = table.texts("a") {
                made.add(1, ordering: .relaxed)
                return [PeriodTexts(key: "2024-Q1", label: "2024-Q1", value: "1", toDate: "1", target: "—", progress: "—",
                                    expected: "—", status: .null, partialMark: nil, bareValue: nil, since: nil)]
            }
            #expect(texts.count == 1)
        }
        #expect(made.load(ordering: .relaxed) == 1)
    }

    /// The rows of an indicator page's "contributions by period" table are anchored by their period alone: every
    /// indicator's row of a period has the initiative's one id of it, and a period the initiative does not have
    /// at that offset still gets its own.
    @Test func contributionRowsShareTheirPeriodsID() throws {
        let (pages, results) = try Self.samplePages()
        #expect(pages.contributionRowIDs == results.periods.map { "c-" + $0.description })
        for result in results.indicators {
            for (index, period) in result.periods.enumerated() {
                #expect(pages.contributionRowID(period.period, at: index, key: period.period.description)
                    == "c-" + period.period.description)
            }
        }
        let first = try #require(results.periods.first)
        let other = first.previous
        #expect(pages.contributionRowID(other, at: 0, key: other.description) == "c-" + other.description)
        #expect(pages.contributionRowID(first, at: results.periods.count, key: first.description) == "c-" + first.description)
    }
}
