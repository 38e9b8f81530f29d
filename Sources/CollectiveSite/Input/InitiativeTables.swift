import ImpactDomain

/// The CSV files of one initiative folder, each read into domain records. Only what a single row can show is
/// checked here (shape, numbers, periods, vocabularies, ids that become file names); whether ids refer to each
/// other is `ImpactDomain.validate`'s job. A row with a problem is still kept when it has an id and can be used
/// (an indicator needs its scope, measure and both aggregation rules); a file with an error is marked incomplete
/// (`Initiative.incompleteFiles`), so ids it may have lost are not reported as unknown everywhere else.
enum InitiativeTables {
    static func partners(_ bytes: [UInt8], path: String, _ diagnostics: inout [Diagnostic]) -> [Partner] {
        var partners: [Partner] = []
        CSVTable.read(bytes, path: path, columns: PartnerColumn.self, &diagnostics) { columns in
            let idColumn = columns[.id]
            let nameColumn = columns[.name]
            let roleColumn = columns[.role]
            let kindColumn = columns[.kind]
            let joinedColumn = columns[.joined]
            let leftColumn = columns[.left]
            return { row, diagnostics in
                // Every cell is read before a row is dropped, so each of its problems is reported at once.
                let id = row.id(idColumn, "partner id", &diagnostics)
                let name = row.requiredText(nameColumn, &diagnostics)
                let role = row.choice(roleColumn, PartnerRole.self, &diagnostics) ?? .implementing
                let joined = row.period(joinedColumn, &diagnostics), left = row.period(leftColumn, &diagnostics)
                guard let id else { return }
                partners.append(Partner(id: id, name: name ?? id, role: role, kind: row.text(kindColumn),
                                        joined: joined, left: left, location: row.recordLocation))
            }
        }
        return partners
    }

    static func workstreams(_ bytes: [UInt8], path: String, _ diagnostics: inout [Diagnostic]) -> [Workstream] {
        var workstreams: [Workstream] = []
        CSVTable.read(bytes, path: path, columns: WorkstreamColumn.self, &diagnostics) { columns in
            let idColumn = columns[.id]
            let nameColumn = columns[.name]
            let leadColumn = columns[.lead]
            let supportingColumn = columns[.supporting]
            let goalColumn = columns[.goal]
            return { row, diagnostics in
                let id = row.id(idColumn, "workstream id", &diagnostics)
                let name = row.requiredText(nameColumn, &diagnostics)
                guard let id else { return }
                workstreams.append(Workstream(id: id, name: name ?? id, lead: row.text(leadColumn),
                                              supporting: ValueParsing.list(row.text(supportingColumn)),
                                              goal: row.text(goalColumn), location: row.recordLocation))
            }
        }
        return workstreams
    }

    static func indicators(_ bytes: [UInt8], path: String, _ diagnostics: inout [Diagnostic]) -> [Indicator] {
        var indicators: [Indicator] = []
        CSVTable.read(bytes, path: path, columns: IndicatorColumn.self, &diagnostics) { columns in
            let idColumn = columns[.id]
            let nameColumn = columns[.name]
            let scopeColumn = columns[.scope]
            let measureColumn = columns[.measure]
            let directionColumn = columns[.direction]
            let acrossPartnersColumn = columns[.acrossPartners]
            let acrossPeriodsColumn = columns[.acrossPeriods]
            let partnerColumn = columns[.partner]
            let workstreamColumn = columns[.workstream]
            let unitColumn = columns[.unit]
            let baselineColumn = columns[.baseline]
            let baselinePeriodColumn = columns[.baselinePeriod]
            let targetColumn = columns[.target]
            let targetPeriodColumn = columns[.targetPeriod]
            let descriptionColumn = columns[.description]
            let withinColumn = columns[.within]
            let frequencyColumn = columns[.frequency]
            return { row, diagnostics in
                let id = row.id(idColumn, "indicator id", &diagnostics)
                let name = row.requiredText(nameColumn, &diagnostics)
                let scope = row.choice(scopeColumn, Scope.self, &diagnostics)
                let measure = row.choice(measureColumn, Measure.self, &diagnostics)
                let direction = row.isBlank(directionColumn)
                    ? .increase : row.choice(directionColumn, Direction.self, &diagnostics) ?? .increase
                // A partner's own indicator has one partner, so how partners combine does not matter there; for the
                // others a silent default could average percentages, so the rule must be written.
                let acrossPartners = scope == .partner && row.isBlank(acrossPartnersColumn)
                    ? .sum : row.choice(acrossPartnersColumn, AcrossPartners.self, &diagnostics)
                let acrossPeriods = row.choice(acrossPeriodsColumn, AcrossPeriods.self, &diagnostics)
                let baseline = row.number(baselineColumn, &diagnostics)
                let baselinePeriod = row.period(baselinePeriodColumn, &diagnostics)
                let target = row.number(targetColumn, &diagnostics)
                let targetPeriod = row.period(targetPeriodColumn, &diagnostics)
                let frequency = row.isBlank(frequencyColumn) ? nil : row.choice(frequencyColumn, Frequency.self, &diagnostics)
                // Without these the indicator cannot be computed, and a guessed default (say, `partner`) would
                // only produce errors about the guess. Every problem of the row is reported above.
                guard let id, let scope, let measure, let acrossPartners, let acrossPeriods else { return }
                indicators.append(Indicator(
                    id: id, name: name ?? id, scope: scope, partner: row.optionalText(partnerColumn),
                    workstream: row.optionalText(workstreamColumn), measure: measure, unit: row.text(unitColumn),
                    direction: direction, acrossPartners: acrossPartners, acrossPeriods: acrossPeriods,
                    baseline: baseline, baselinePeriod: baselinePeriod, target: target, targetPeriod: targetPeriod,
                    description: row.text(descriptionColumn), within: row.optionalText(withinColumn),
                    frequency: frequency, location: row.recordLocation))
            }
        }
        return indicators
    }

    static func targets(_ bytes: [UInt8], path: String, _ diagnostics: inout [Diagnostic]) -> [PeriodTarget] {
        var targets: [PeriodTarget] = []
        CSVTable.read(bytes, path: path, columns: TargetColumn.self, &diagnostics) { columns in
            let indicatorColumn = columns[.indicator]
            let targetColumn = columns[.target]
            let partnerColumn = columns[.partner]
            let periodColumn = columns[.period]
            return { row, diagnostics in
                let indicator = row.requiredText(indicatorColumn, &diagnostics)
                let target = row.number(targetColumn, required: true, &diagnostics)
                let period = row.period(periodColumn, &diagnostics)
                guard let indicator, let target else { return }
                targets.append(PeriodTarget(indicator: indicator, partner: row.optionalText(partnerColumn),
                                            period: period, target: target, location: row.recordLocation))
            }
        }
        return targets
    }

    static func collaborations(_ bytes: [UInt8], path: String, _ diagnostics: inout [Diagnostic]) -> [CollaborationRecord] {
        var records: [CollaborationRecord] = []
        CSVTable.read(bytes, path: path, columns: CollaborationColumn.self, &diagnostics) { columns in
            let periodColumn = columns[.period]
            let fromColumn = columns[.from]
            let toColumn = columns[.to]
            let kindColumn = columns[.kind]
            let countColumn = columns[.count]
            return { row, diagnostics in
                let period = row.period(periodColumn, required: true, &diagnostics)
                let from = row.requiredText(fromColumn, &diagnostics)
                let to = row.requiredText(toColumn, &diagnostics)
                let kind = row.choice(kindColumn, CollaborationKind.self, &diagnostics)
                let count = row.number(countColumn, required: true, &diagnostics)
                guard let period, let from, let to, let kind, let count else { return }
                records.append(CollaborationRecord(period: period, from: from, to: to, kind: kind, count: count,
                                                   location: row.recordLocation))
            }
        }
        return records
    }

    static func outcomes(_ bytes: [UInt8], path: String, _ diagnostics: inout [Diagnostic]) -> [Outcome] {
        var outcomes: [Outcome] = []
        // Declared here, beside `outcomes`, not inside the header closure: a variable declared there and captured by
        // the row closure it returns crashed release builds (Swift 6.3.1 kept it in the header closure's frame,
        // which is gone when the rows are read).
        var ids: Set<String> = []
        CSVTable.read(bytes, path: path, columns: OutcomeColumn.self, &diagnostics) { columns in
            let dateColumn = columns[.date]
            let titleColumn = columns[.title]
            let conditionColumn = columns[.condition]
            let partnersColumn = columns[.partners]
            let descriptionColumn = columns[.description]
            let evidenceColumn = columns[.evidence]
            let idColumn = columns[.id]
            return { row, diagnostics in
                // Optional: only a translated outcome needs one (`outcomes.<lang>.csv` refers to it).
                var id = ""
                if !row.isBlank(idColumn), let written = row.id(idColumn, "outcome id", &diagnostics) {
                    if ids.insert(written).inserted { id = written } else {
                        diagnostics.append(row.cellError(idColumn, "duplicate outcome id `\(written)`",
                                                         hint: "give each outcome its own id"))
                    }
                }
                let date = row.text(dateColumn)
                let year = ValueParsing.dateYear(date)
                if year == nil {
                    diagnostics.append(row.cellError(dateColumn,
                                                     date.isEmpty ? "`\(dateColumn.name)` is empty" : "`\(date)` is not a date in column `\(dateColumn.name)`",
                                                     hint: "write dates as YYYY-MM-DD, for example 2025-03-31"))
                }
                let title = row.requiredText(titleColumn, &diagnostics)
                let condition = row.choice(conditionColumn, SystemsCondition.self, &diagnostics)
                guard let year, let title, let condition else { return }
                outcomes.append(Outcome(date: date, year: year, title: title, condition: condition,
                                        partners: ValueParsing.list(row.text(partnersColumn)),
                                        description: row.text(descriptionColumn),
                                        evidence: row.text(evidenceColumn), location: row.recordLocation, id: id))
            }
        }
        return outcomes
    }
}
