import ImpactDomain

/// What a build reuses and what it makes again: the one place that knows which initiatives come from the build
/// cache and which are fresh.
///
/// A full build (no cache, a cache for another site key, or a different set of initiatives) builds every
/// initiative. An incremental one builds only the initiatives whose files changed, each against its previous
/// entry (whose file hashes say which files need writing), and takes the others' entries from the cache.
struct RebuildPlan {
    /// The site key the cache is valid for (`SiteBuilder.siteKey`).
    let key: String
    /// Every initiative's input files, by slug.
    let stamps: [String: [FileStamp]]
    /// Every initiative, in folder order.
    let initiatives: [InitiativeFolder]
    /// False: everything is built and every site-wide file written.
    let incremental: Bool
    /// The initiatives to load, validate, compute and render.
    let toBuild: [InitiativeFolder]
    /// The cached entries of the initiatives in `toBuild` (incremental builds only).
    let previous: [String: InitiativeEntry]
    /// The cache as read: every initiative, its entry decoded only when a site-wide page needs it.
    private let cached: [String: CachedInitiative]
    /// The entries of the initiatives built this time (set by `record`).
    private(set) var fresh: [String: InitiativeEntry] = [:]

    static func everything(key: String, stamps: [String: [FileStamp]], initiatives: [InitiativeFolder]) -> RebuildPlan {
        RebuildPlan(key: key, stamps: stamps, initiatives: initiatives, cache: nil)
    }

    /// `cache`: the entries read for `key`, nil when there is no usable cache.
    init(key: String, stamps: [String: [FileStamp]], initiatives: [InitiativeFolder], cache: [String: CachedInitiative]?) {
        self.key = key
        self.stamps = stamps
        self.initiatives = initiatives
        let cached = cache ?? [:]
        incremental = cache != nil && Set(cached.keys) == Set(initiatives.map(\.slug))
        self.cached = incremental ? cached : [:]
        toBuild = incremental ? initiatives.filter { cached[$0.slug]?.stamps != stamps[$0.slug] } : initiatives
        previous = incremental
            ? Dictionary(uniqueKeysWithValues: toBuild.compactMap { folder in cached[folder.slug]?.entry().map { (folder.slug, $0) } })
            : [:]
    }

    /// Takes the entries of the initiatives just built.
    mutating func record(_ entries: [InitiativeEntry]) {
        fresh = Dictionary(uniqueKeysWithValues: entries.map { ($0.slug, $0) })
    }

    var freshEntries: [InitiativeEntry] { initiatives.compactMap { fresh[$0.slug] } }

    /// The warnings of the initiatives not built this time, reported again from the cache.
    var cachedWarnings: [Diagnostic] {
        initiatives.filter { fresh[$0.slug] == nil }.flatMap { cached[$0.slug]?.warnings ?? [] }
    }

    /// Whether a site-wide page must be rendered: always in a full build; in an incremental one, when what the
    /// page reads of some rebuilt initiative (`Page.input`) differs from what it read last time.
    func mustRender<Page: SiteWidePage>(_ page: Page.Type) -> Bool {
        !incremental || fresh.values.contains { entry in previous[entry.slug].map(Page.input) != Page.input(entry) }
    }

    /// Every initiative's entry, fresh or cached, in folder order (decodes the cached ones: call it only when a
    /// site-wide page is rendered).
    /// Texts not yet translated, per language, over every initiative (fresh or cached; read from cache headers).
    var untranslatedCounts: [String: Int] {
        var counts: [String: Int] = [:]
        for folder in initiatives {
            counts.merge(fresh[folder.slug]?.untranslated ?? cached[folder.slug]?.untranslated ?? [:], uniquingKeysWith: +)
        }
        return counts
    }

    func allEntries() -> [InitiativeEntry] {
        initiatives.compactMap { fresh[$0.slug] ?? previous[$0.slug] ?? cached[$0.slug]?.entry() }
    }
}
