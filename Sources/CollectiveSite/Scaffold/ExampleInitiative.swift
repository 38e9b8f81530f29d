/// The example initiative in a new site: small, but every file of the content layout is there and every
/// kind of figure appears once, so a new user sees each page of the report site working on day one.
///
/// Figures (worked out by hand; the example report's summary quotes them):
/// - `young_people_reached` (collective, `unique`): partners report their own cumulative counts, the backbone
///   the deduplicated count in a `*` row. 2025-Q2: 190 + 140 + 95 = 425 summed, 320 unique people, so the
///   sum holds 105 repeat counts (extra records, not people: one person in three counts adds two). Partner end targets 180 + 140 + 100 = 420 against the
///   collective target 400.
/// - `job_retention` (collective, `ratio`): 2025-Q2 = 100 × (14 + 13 + 20) ÷ (20 + 20 + 25) = 47 of 65 = 72.3%,
///   not the mean of 70%, 65% and 80%.
/// - `courses_completed` (partner indicator of `skills`, flows summed over quarters): 35 + 42 + 48 + 51 = 176.
enum ExampleInitiative {
    static let slug = Scaffold.exampleSlug

    /// Paths relative to `content/initiatives/<slug>/`.
    static let files: [String: String] = [
        "initiative.md": initiative,
        "partners.csv": partners,
        "workstreams.csv": workstreams,
        "indicators.csv": indicators,
        "results.csv": results,
        "targets.csv": targets,
        "collaboration.csv": collaboration,
        "outcomes.csv": outcomes,
        "reports/2025-Q2.md": report,
        "partners/skills.md": skillsProfile,
    ]

    static let initiative = """
        ---
        # The front matter (between the two --- lines) describes the initiative. Lines starting with # are notes
        # for you: the tool ignores them. Keep the text after each colon on one line; quote it if it has a colon.

        # The name funders read at the top of every page of this initiative.
        name: Youth Pathways
        # What the name means, if it is in another language. Remove the # to use it.
        # meaning: ""
        country: Kenya
        # The id of the backbone organisation's row in partners.csv.
        backbone: hub
        # The people the initiative exists for, in their own terms.
        primary_actor: Young people aged 16 to 24 who are not in work, education or training
        # The one result every partner works towards.
        common_goal: Every young person in the city who wants a job gets the skills, support and contacts to keep one
        # The first period the initiative reports on.
        started: 2024-Q3
        # How often the partners report: quarter, month or year.
        period: quarter
        ---

        Too many young people in our city leave school without work or training, and most of the help on offer
        works alone: a course here, a mentor there, an employer who hires once and never again. No single
        organisation can change that on its own. Youth Pathways brings a training provider, a mentoring network
        and an employers' association together behind one goal, one set of measures and one plan.

        ## Our shared agenda

        - **Skills training.** Short, job-ready courses designed with the employers who will hire.
        - **Job placement.** Every young person who finishes a course meets at least one employer, and a mentor
          stays with them through their first six months at work.

        ## How we measure progress

        Each partner reports its own figures every quarter. Many young people work with more than one partner,
        so the backbone removes duplicates before publishing how many people the initiative reached together.
        Rates are computed from the counts behind them, never by averaging the partners' percentages.

        """

    static let partners = """
        \(StarterFiles.partnersHeader)
        hub,Riverside Community Foundation,backbone,community foundation,2024-Q3
        skills,Skills First Training,implementing,training provider,2024-Q3
        mentors,City Mentoring Network,implementing,volunteer network,2024-Q3
        employers,Employers for Youth,implementing,business association,2024-Q3

        """

    static let workstreams = """
        \(StarterFiles.workstreamsHeader)
        training,Skills training,skills,mentors;employers,Young people finish a short course that employers helped design
        placement,Job placement,employers,skills;mentors,Young people find a job and are still in it six months later

        """

    static let indicators = """
        \(StarterFiles.indicatorsHeader)
        young_people_reached,Young people reached,collective,,training,count,young people,increase,unique,latest,0,2024-Q3,400,2025-Q4,"Young people who took part in at least one activity since the start, each counted once however many partners worked with them. Partners report their own cumulative counts; the backbone reports the deduplicated total in a * row."
        job_retention,Still in work after six months,collective,,placement,percentage,%,increase,ratio,latest,50,2024-Q3,75,2025-Q4,"Of the young people placed in a job six months earlier, the share still in work. Computed from the counts: all partners' numerators over all partners' denominators."
        courses_completed,Courses completed,partner,skills,training,count,young people,increase,sum,sum,0,2024-Q3,200,2025-Q4,Young people who completed a Skills First course in the quarter.

        """

    static let results = """
        \(StarterFiles.resultsHeader)
        young_people_reached,skills,2024-Q3,60,,,,,
        young_people_reached,mentors,2024-Q3,40,,,,,
        young_people_reached,employers,2024-Q3,20,,,,,
        young_people_reached,*,2024-Q3,95,,,,,Deduplicated by the backbone across all partners
        job_retention,skills,2024-Q3,55,11,20,,,
        job_retention,mentors,2024-Q3,50,10,20,,,
        job_retention,employers,2024-Q3,60,15,25,,,
        courses_completed,skills,2024-Q3,35,,,,,
        young_people_reached,skills,2024-Q4,110,,,,,
        young_people_reached,mentors,2024-Q4,75,,,,,
        young_people_reached,employers,2024-Q4,45,,,,,
        young_people_reached,*,2024-Q4,180,,,,,Deduplicated by the backbone across all partners
        job_retention,skills,2024-Q4,60,12,20,,,
        job_retention,mentors,2024-Q4,55,11,20,,,
        job_retention,employers,2024-Q4,64,16,25,,,
        courses_completed,skills,2024-Q4,42,,,,,
        young_people_reached,skills,2025-Q1,150,,,,,
        young_people_reached,mentors,2025-Q1,105,,,,,
        young_people_reached,employers,2025-Q1,70,,,,,
        young_people_reached,*,2025-Q1,250,,,,,Deduplicated by the backbone across all partners
        job_retention,skills,2025-Q1,65,13,20,,,
        job_retention,mentors,2025-Q1,60,12,20,,,
        job_retention,employers,2025-Q1,72,18,25,,,
        courses_completed,skills,2025-Q1,48,,,,,
        young_people_reached,skills,2025-Q2,190,,,,,
        young_people_reached,mentors,2025-Q2,140,,,,,
        young_people_reached,employers,2025-Q2,95,,,,,
        young_people_reached,*,2025-Q2,320,,,,,Deduplicated by the backbone across all partners
        job_retention,skills,2025-Q2,70,14,20,,,
        job_retention,mentors,2025-Q2,65,13,20,,,
        job_retention,employers,2025-Q2,80,20,25,,,
        courses_completed,skills,2025-Q2,51,,,,,

        """

    static let targets = """
        \(StarterFiles.targetsHeader)
        young_people_reached,skills,,180
        young_people_reached,mentors,,140
        young_people_reached,employers,,100
        young_people_reached,,2025-Q2,300

        """

    static let collaboration = """
        \(StarterFiles.collaborationHeader)
        2024-Q4,skills,employers,referral,12
        2025-Q1,mentors,skills,referral,8
        2025-Q1,skills,employers,joint_activity,2
        2025-Q2,skills,employers,referral,15
        2025-Q2,employers,mentors,shared_resource,1

        """

    static let outcomes = """
        \(StarterFiles.outcomesHeader)
        2025-02-14,City adds youth apprenticeships to its purchasing rules,policies,employers;skills,"Suppliers to the city now commit to taking on apprentices, after the partners presented their placement figures to the council.",Council meeting minutes of 14 February 2025
        2025-05-20,One intake form for training and mentoring,practices,skills;mentors,"A young person now tells their story once; both partners see the same form and plan together.",Shared intake form in use since May 2025

        """

    static let report = """
        ---
        title: "Second quarter of 2025: more young people stay in work"
        period: 2025-Q2
        summary: "Together the partners have now reached 320 young people, and 72% of those placed in a job were still in it six months later."
        ---

        ## Highlights

        The partners have now reached 320 young people since the start, each counted once. Summed partner by
        partner the figure would be 425, 105 more than there are young people, because many of them worked with
        more than one partner, which is what a joined-up pathway should look like.

        ## Progress on our shared indicators

        Of the 65 young people placed in a job six months ago, 47 were still in work this quarter (72%). The rate
        is computed from those counts, not by averaging the partners' own rates.

        ## Working together

        Skills First referred 15 course graduates to Employers for Youth this quarter, and the mentoring network
        now uses the same intake form as the training team.

        ## Next quarter

        We will start a second course designed with employers in logistics, and report the first results of
        the shared intake form.

        """

    static let skillsProfile = """
        Skills First Training runs short, job-ready courses in retail, hospitality and logistics, designed with
        the employers who hire their graduates. In Youth Pathways it leads the skills-training workstream and
        refers every graduate to Employers for Youth.

        """
}
