// Placeholder replaced by the domain implementation.
public func validate(_ initiative: Initiative, settings: ComputationSettings = ComputationSettings()) -> [Diagnostic] { [] }
public func compute(_ initiative: Initiative, settings: ComputationSettings = ComputationSettings()) -> InitiativeResults {
    fatalError("not yet implemented")
}
