/// README.md of a new site: written for the backbone staff who update the figures each quarter, not for
/// web developers. Plain words, one task per section, the example initiative's names in every example.
enum BackboneReadme {
    static let text = """
        # Our Collective Impact reports

        This folder holds everything behind the report site: the figures (CSV files), the stories (Markdown files)
        and the look of the pages (templates). The `collective` tool turns them into a website.

        It starts with one **example initiative**, *Youth Pathways*, with invented organisations and figures. Use
        it to see how everything fits together, then replace it with your own (see "Before you publish").

        ## See the site while you work

        In a terminal, in this folder, run:

        ```sh
        collective serve
        ```

        Then open <http://127.0.0.1:8080> in your browser. Leave the command running. Each time you save a file,
        the page in your browser updates by itself within a second or so. If a file has a mistake, the browser
        shows what is wrong and where (file, line and column) instead of the site; fix it, save, and the site
        comes back. Press Ctrl-C in the terminal to stop.

        ## What is where

        | Folder or file | What it holds |
        |---|---|
        | `content/site.yaml` | Settings for the whole site: its title, address, language |
        | `content/initiatives/youth-pathways/` | One folder per initiative |
        | `…/initiative.md` | The initiative's name, common goal and backbone (at the top), then the shared agenda |
        | `…/partners.csv` | The backbone and the implementing partners, one row each |
        | `…/workstreams.csv` | The workstreams, with the partner who leads each and those who support it |
        | `…/indicators.csv` | What you measure: one row per indicator |
        | `…/results.csv` | **The figures: this is where each quarter's data goes** |
        | `…/targets.csv` | Targets per quarter or per partner (optional) |
        | `…/collaboration.csv` | Referrals and joint work between partners (optional) |
        | `…/outcomes.csv` | Changes in the wider system the partners achieved together (optional) |
        | `…/reports/2025-Q2.md` | The story of each quarter, one file per quarter |
        | `…/partners/skills.md` | A profile of a partner for its page (optional) |
        | `…/images/bootcamp.jpg` | Photos for the reports (optional): in a report, `![Women at the bootcamp](../images/bootcamp.jpg)` |
        | `templates/` | The look of the pages; you do not need to touch it |

        ## Each quarter, step by step

        The examples use the quarter `2025-Q3` and the initiative `youth-pathways`; use your own.

        1. **Collect the partners' figures** for every indicator in `indicators.csv` that they report on.

        2. **Add them to `results.csv`.** Open `content/initiatives/youth-pathways/results.csv` and add one row per
           indicator and partner at the end. The quickest way: copy last quarter's rows, then change the period
           and the numbers. The columns are:
           - `indicator`: the indicator's id, from `indicators.csv`.
           - `partner`: the partner's id, from `partners.csv`, or `*` for a figure about the initiative as a whole
             (see step 3).
           - `period`: `2025-Q3` for a quarter (`2025-07` for a month, `2025` for a year).
           - `value`: the number only: `1250`, `72.5`. No thousands separators, no `%`, no words.
           - `numerator` and `denominator`: for a rate, the two counts behind it (47 of 65: `47` and `65`).
             Always fill both: the site computes rates from these counts.
           - `dimension` and `category`: for a breakdown, such as `gender` and `female`. Leave them empty for
             the total.
           - `note`: anything a reader should know about this figure.

           If a partner has nothing to report for an indicator, leave its row out. Do not write `0`: the site
           then says "not reported", which is the truth.

        3. **Add the deduplicated counts.** Many people work with more than one partner, so adding up the partners'
           counts counts some people twice. For each indicator whose `across_partners` is `unique`, add one more
           row with `*` as the partner: the number of *different* people, each counted once, which the backbone
           works out by matching its records. The site shows both figures and the overlap between them.

        4. **Record how partners worked together** in `collaboration.csv` (who referred how many people to whom,
           joint activities, shared resources) and any lasting change in `outcomes.csv`. Both are optional.

        5. **Write the quarter's story.** Run

           ```sh
           collective new report youth-pathways 2025-Q3
           ```

           It creates `reports/2025-Q3.md` with a title, a summary and headings to fill in. The notes between
           `<!--` and `-->` tell you what to write under each heading; they never appear on the site.

        6. **Check.** Look at the pages in the browser while `collective serve` runs, or run `collective check`,
           which lists every problem it finds (see "When something is wrong").

        7. **Publish.** Run

           ```sh
           collective build --base-url https://example.org/reports/
           ```

           with your site's real address. It writes the finished site into the folder `_site/`; copy that whole
           folder to your web host. The publishing guide in the Collective documentation
           (`docs/publishing.md`) shows how to publish automatically from GitHub.

        ## Working in a spreadsheet

        - The tables can also live in one Excel workbook, `data.xlsx` in the initiative's folder, one sheet per
          table named as the file (`partners`, `results`, …). `collective new initiative` writes one, with a note on
          each column's name and drop-down lists for the fixed words; `collective convert youth-pathways --to
          workbook` moves this initiative's CSV files into one (`--to csv` moves them back). Save it as an Excel
          Workbook (.xlsx), without a password. Problems then name the sheet and cell: `(sheet results, cell D14)`.
        - Open the `.csv` files in Excel, LibreOffice or Google Sheets if you prefer, but always save them as
          **CSV UTF-8 (comma delimited)**. Other formats break names in other alphabets.
        - Spreadsheets turn `2025-07` into a date. Format the `period` column as **Text** before you type periods.
        - A figure too wide for its column is saved as `1.2E+06`, rounded to what was shown. Widen the column (or
          format it as **Number**) before saving; `collective check` warns about any figure saved that way.
        - Leave empty cells empty. Do not write `N/A`, `-` or `0` for a figure you do not have.
        - Keep the first row (the column names) exactly as it is.

        ## Adding a partner or an initiative

        - A new partner:

          ```sh
          collective new partner youth-pathways green-jobs --name "Green Jobs Trust"
          ```

          adds a row for `green-jobs` to `partners.csv` and creates `partners/green-jobs.md` for its profile. Fill
          in its `kind` and `joined` columns in `partners.csv`, and write a short profile.
        - A partner that leaves: write the last period it took part in in its `left` column in `partners.csv`
          (add the column at the end of the first line if the file has none). Keep its row and its figures: the
          pages then say it left, instead of waiting for its reports.
        - A new initiative: `collective new initiative my-initiative` creates a folder with `initiative.md` and a
          workbook `data.xlsx` whose notes say what goes where (`--csv` writes CSV files instead).
        - Ids and folder names use only letters, digits, `-` and `_`. Once a site is published, do not change an
          id: it is part of the pages' addresses, and links to them would break.

        ## When something is wrong

        Every problem is reported as the file and the position in it, then what is wrong, the spreadsheet cell,
        and how to fix it:

        ```
        content/initiatives/youth-pathways/results.csv:14:37: error: `12O` is not a number in column `value` (cell D14) (hint: …)
        ```

        In Excel or LibreOffice, go to the cell named in brackets: D14 is column D, row 14 (type `D14` in the
        box left of the formula bar). In a text editor, go to line 14 (in most editors: Ctrl-G or Ctrl-L); the
        second number, 37, counts the characters along that line, not the spreadsheet's columns. For a table kept in
        `data.xlsx` the message names the sheet and the cell: `(sheet results, cell D14)`. Nothing is published
        while there are errors: the previous site stays as it was.

        ## How the figures are worked out

        - **Sums across partners can count the same person twice.** That is why the site uses the `*` row for
          indicators marked `unique`, and says so plainly when there is none.
        - **Rates come from counts**: all partners' numerators divided by all their denominators, never an
          average of the partners' percentages.
        - **Small numbers are hidden** (fewer than `min_cell_count` in `site.yaml`), so that nobody can be
          recognised from them.
        - **Status** (achieved, on track, at risk, off track) compares the progress since the baseline with the
          time that has passed towards the target date.

        ## Before you publish

        - Replace the example: delete the folder `content/initiatives/youth-pathways/` once your own initiative
          is in place (`collective new initiative …`).
        - In `content/site.yaml`, set the site's title and `base_url`, and set `illustrative: false` only when
          every figure is real.
        - Run `collective check` one last time.

        ## Changing the look

        The folder `templates/` is the whole design: the page layouts, the stylesheet (`templates/assets/style.css`)
        and the page text in each language (`templates/i18n/`). You can change them without programming; the
        figures are always computed by the tool, never in the templates.

        """
}
