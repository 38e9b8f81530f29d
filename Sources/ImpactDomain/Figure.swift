// One partner's figure for one cell (period, or period × category): the numbers of its results rows.

struct Figure: Hashable {
    var value: Double?
    var numerator: Double?
    var denominator: Double?

    /// Both counts of a ratio are present, so the figure can be pooled.
    var hasCounts: Bool { numerator != nil && denominator != nil }

    /// The numbers of one row.
    init(row: Int, _ observations: [Observation]) {
        // Fields are read one by one: binding the whole row would copy (and retain) its seven strings.
        value = observations[row].value
        numerator = observations[row].numerator
        denominator = observations[row].denominator
    }

    init(value: Double? = nil, numerator: Double? = nil, denominator: Double? = nil) {
        self.value = value; self.numerator = numerator; self.denominator = denominator
    }

    /// Several rows for one cell (a duplicate, which validation reports) are added up. They are first put in file
    /// order, so that floating-point sums do not depend on the order of the rows in memory.
    static func merge(_ rows: [Int], _ observations: [Observation]) -> Figure {
        if rows.count == 1 { return Figure(row: rows[0], observations) }
        let ordered = rows.sorted { fileOrder(observations[$0], observations[$1]) }
        var figure = Figure()
        for row in ordered {
            figure.value = add(figure.value, observations[row].value)
            figure.numerator = add(figure.numerator, observations[row].numerator)
            figure.denominator = add(figure.denominator, observations[row].denominator)
        }
        return figure
    }

    /// For ratio indicators the counts are the truth: a row's percentage is recomputed from them, so a rounded
    /// or mistyped `value` never reaches a page (validation warns when the two disagree).
    func derived(isRatio: Bool, factor: Double) -> Figure {
        guard isRatio, let numerator, let denominator, denominator != 0 else { return self }
        var figure = self
        figure.value = factor * numerator / denominator
        return figure
    }
}

/// Nil-aware addition: absent plus absent stays absent, never 0.
func add(_ a: Double?, _ b: Double?) -> Double? {
    switch (a, b) {
    case let (a?, b?): a + b
    case let (a?, nil): a
    case let (nil, b?): b
    case (nil, nil): nil
    }
}

/// Order of rows in the files they came from, with the numbers as the last tie-break, so any two rows compare the
/// same way wherever they sit in the array.
func fileOrder(_ a: Observation, _ b: Observation) -> Bool {
    if a.location != b.location { return a.location < b.location }
    func key(_ o: Observation) -> (Double, Double, Double) {
        (o.value ?? -.infinity, o.numerator ?? -.infinity, o.denominator ?? -.infinity)
    }
    let (ka, kb) = (key(a), key(b))
    if ka != kb { return ka < kb }
    return a.note < b.note
}
