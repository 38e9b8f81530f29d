import Foundation
import ImpactDomain

/// Blank starter files for `collective new initiative | report | partner`. Each one loads without errors as
/// written, and says in comments what to fill in. CSV files cannot hold comments, so their guidance is in
/// the note at the end of initiative.md.
enum StarterFiles {
    /// Paths relative to `content/initiatives/<slug>/`.
    static func initiative(slug: String, name: String, started: Period) -> [String: String] {
        [
            "initiative.md": initiativeMarkdown(name: name, started: started),
            "partners.csv": """
                \(partnersHeader)
                backbone,Name of the backbone organisation,backbone,,\(started)
                partner-a,Name of the first implementing partner,implementing,,\(started)

                """,
            "workstreams.csv": """
                \(workstreamsHeader)
                main,Name of the first workstream,partner-a,,What this workstream sets out to change

                """,
            "indicators.csv": """
                \(indicatorsHeader)
                people_reached,People reached,collective,,main,count,people,increase,unique,latest,,,,,"People who took part in at least one activity since the start, each counted once: partners report their own counts, the backbone the deduplicated total in a * row."

                """,
            "results.csv": resultsHeader + "\n",
            "targets.csv": targetsHeader + "\n",
            "collaboration.csv": collaborationHeader + "\n",
            "outcomes.csv": outcomesHeader + "\n",
        ]
    }

    /// The starter files' header rows (and the example initiative's): the columns a new backbone fills in
    /// first, in reading order. The others may be added; the template workbook has them all.
    static let partnersHeader = PartnerColumn.header(.id, .name, .role, .kind, .joined)
    static let workstreamsHeader = WorkstreamColumn.header(.id, .name, .lead, .supporting, .goal)
    static let indicatorsHeader = IndicatorColumn.header(
        .id, .name, .scope, .partner, .workstream, .measure, .unit, .direction, .acrossPartners, .acrossPeriods, .baseline,
        .baselinePeriod, .target, .targetPeriod, .description)
    static let resultsHeader = ResultsColumn.header(.indicator, .partner, .period, .value, .numerator, .denominator,
                                                    .dimension, .category, .note)
    static let targetsHeader = TargetColumn.header(.indicator, .partner, .period, .target)
    static let collaborationHeader = CollaborationColumn.header(.period, .from, .to, .kind, .count)
    static let outcomesHeader = OutcomeColumn.header(.date, .title, .condition, .partners, .description, .evidence)

    static func initiativeMarkdown(name: String, started: Period) -> String {
        """
        ---
        # Lines starting with # are notes for you: the tool ignores them. Keep each value on one line, and put
        # it in double quotes if it contains a colon.

        # The name funders read at the top of every page of this initiative.
        name: \(yamlString(name))
        # What the name means, if it is in another language. Remove the # to use it.
        # meaning: ""
        country: Country where the initiative works
        # The id of the backbone organisation's row in partners.csv.
        backbone: backbone
        # The people the initiative exists for, in their own terms.
        primary_actor: The people this initiative is for
        # The one result every partner works towards, in one sentence.
        common_goal: The change all partners work towards together
        # The first period the initiative reports on: 2025-Q3 (quarter), 2025-07 (month) or 2025 (year).
        started: \(started)
        # How often the partners report: quarter, month or year.
        period: \(started.kind.rawValue)
        ---

        Write the shared agenda here: why the partners work together, the problem they share, and how each
        contributes. Readers see this on the initiative's main page. Headings start with `## `.

        ## Our shared agenda

        - **First workstream.** What the partners do together, and who leads.

        <!--
        What goes in each file of this folder (the files are CSV: open them in a spreadsheet and save as
        "CSV UTF-8", or in a text editor). Keep the first line of each file, the column names, as it is.
        Ids use only letters, digits, - and _.

        partners.csv       One row per organisation. role: backbone (exactly one) or implementing.
                           kind: free text (NGO, training provider...). joined: the period they joined.
                           left (a column you may add): the last period a partner took part in.
        workstreams.csv    lead: the id of the leading partner; supporting: partner ids separated by ;
        indicators.csv     One row per thing you measure.
                           scope: collective (the common goal), partner (one partner's own work; fill in
                             partner), or collaboration.
                           measure: count, percentage, amount, score or qualitative.
                           direction: increase or decrease (is more better, or less?).
                           across_partners: how partners' figures combine: sum; unique (people counted once:
                             the backbone adds a * row with the deduplicated count); ratio (rates: fill
                             numerator and denominator in results.csv); mean; max.
                           across_periods: sum (things that happen each quarter), latest (totals to date and
                             rates), max or mean.
                           baseline, baseline_period, target, target_period: where you started and where
                             you aim to be, and when.
        results.csv        The figures: one row per indicator, partner and period. Partner * is a figure for
                           the initiative as a whole. Leave a row out rather than writing 0 when a partner
                           has nothing to report.
        targets.csv        Optional: a partner's own target (leave period empty) or the collective target for
                           one period (leave partner empty).
        collaboration.csv  Optional: period, from, to (partner ids), kind (referral, joint_activity or
                           shared_resource) and count.
        outcomes.csv       Optional: lasting changes in the system: date (2025-05-20), title, condition
                           (policies, practices, resource_flows, relationships, power_dynamics or
                           mental_models), partners (ids separated by ;), description, evidence.
        reports/           One story per period: run `collective new report <initiative> 2025-Q3`.
        partners/          Optional partner profiles: run `collective new partner <initiative> <id>`.
        -->

        """
    }

    /// `reports/<period>.md`.
    static func report(period: Period) -> String {
        """
        ---
        # The headline of this report, as a funder would read it. Replace it with what happened.
        title: \(yamlString("\(periodName(period)) report"))
        # Must be the same as the file name.
        period: \(period)
        # One or two sentences for the home page, the feed and link previews.
        summary: "One or two sentences: what changed this period, and what it means for the people we serve."
        ---

        <!--
        Write for a funder or a board member, in plain words. The figures for this period are shown below
        your text on the same page, computed from results.csv: quote them as they are there. Notes like this
        one never appear on the site; delete them when you are done.
        -->

        ## Highlights

        <!-- Two or three things that changed this period, and why they matter to the people the initiative serves. -->

        ## Progress on our shared indicators

        <!-- What the collective indicators show: what moved, what did not, and why. -->

        ## Working together

        <!-- How partners worked with each other: referrals, joint activities, shared resources, decisions taken together. -->

        ## What we learned

        <!-- What did not go as planned, and what the partners will do differently. -->

        ## Next period

        <!-- The priorities for the next period. -->

        """
    }

    /// `partners/<id>.md`.
    static func partnerProfile(id: String, name: String) -> String {
        """
        <!--
        Profile of \(name.replacingOccurrences(of: "--", with: "- -")) (partner id \(id)), shown on its partner page. In a short paragraph: who they are,
        whom they serve, and their part in the initiative. Delete this note when you are done.
        -->

        \(name) is …

        """
    }

    static func periodName(_ period: Period) -> String {
        switch period.kind {
        case .quarter: "Quarter \(period.index) of \(period.year)"
        case .month: "\(period)"
        case .year: "\(period.year)"
        }
    }

    /// A double-quoted YAML scalar, so that a name with a colon, a # or a leading quote stays one string.
    static func yamlString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
