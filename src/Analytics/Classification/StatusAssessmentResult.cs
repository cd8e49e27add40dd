namespace DiaBan.Analytics.Classification;

/// <summary>Everything needed to store and explain one computed status (which rules, which criteria, which inputs).</summary>
public sealed record StatusAssessmentResult
{
    public required string UnitCode { get; init; }
    public required int Year { get; init; }
    public required CommuneStatus Status { get; init; }
    /// <summary>The label the rule set gives the status (e.g. "Có tệ nạn ma túy" under 3122).</summary>
    public required string StatusLabel { get; init; }
    public required string RuleSetId { get; init; }
    public required int RuleSetVersion { get; init; }
    public required CriteriaRegime Regime { get; init; }
    /// <summary>True when the status was decided by, or depended on, a threshold or count rule not confirmed officially.</summary>
    public required bool Provisional { get; init; }
    /// <summary>False when a more severe class (or the chosen one) could not be decided because inputs were missing;
    /// the status is then <see cref="CommuneStatus.InsufficientData"/> and <see cref="MissingInputs"/> says what is missing.</summary>
    public required bool Determined { get; init; }
    /// <summary>Inputs some criterion needed but the figures did not have.</summary>
    public required IReadOnlyList<IndicatorField> MissingInputs { get; init; }
    /// <summary>Every class of the rule set, evaluated, in rule-set order.</summary>
    public required IReadOnlyList<ClassEvaluation> Classes { get; init; }

    public IEnumerable<CriterionEvaluation> Criteria => Classes.SelectMany(c => c.Criteria);
}

public sealed record ClassEvaluation
{
    public required CommuneStatus Status { get; init; }
    public required string Label { get; init; }
    public required int MinCriteria { get; init; }
    public required bool MinCriteriaConfirmed { get; init; }
    public required int HeldCount { get; init; }
    public required int UnknownCount { get; init; }
    /// <summary>True or false, or null when missing inputs leave it open.</summary>
    public required bool? Holds { get; init; }
    /// <summary>Whether Holds could change if the unconfirmed thresholds or count rule were different.</summary>
    public required bool Provisional { get; init; }
    public required IReadOnlyList<CriterionEvaluation> Criteria { get; init; }
}

public sealed record CriterionEvaluation
{
    public required CommuneStatus ClassStatus { get; init; }
    public required string Code { get; init; }
    public required string Description { get; init; }
    /// <summary>True, false, or null (unknown: an input was missing).</summary>
    public required bool? Held { get; init; }
    /// <summary>Every threshold in the criterion was confirmed in an official source.</summary>
    public required bool Confirmed { get; init; }
    /// <summary>Held depends on an unconfirmed threshold (it could change when that threshold is corrected).</summary>
    public required bool Provisional { get; init; }
    public required IndicatorField MissingInputs { get; init; }
    public ConditionEvaluation? Condition { get; init; }
    public RouteEvaluation? Route { get; init; }
}

/// <summary>A leaf comparison (input against threshold) or a composite of them.</summary>
public sealed record ConditionEvaluation
{
    public Measure? Measure { get; init; }
    public Comparison? Op { get; init; }
    public double? Value { get; init; }
    public double? Lower { get; init; }
    public double? Upper { get; init; }
    /// <summary>The measure's value for this unit (null when missing).</summary>
    public double? Input { get; init; }
    public required IndicatorField Inputs { get; init; }
    public required bool? Held { get; init; }
    public required bool Confirmed { get; init; }
    /// <summary>Held does not depend on an unconfirmed threshold.</summary>
    public required bool Robust { get; init; }
    public string? Source { get; init; }
    /// <summary>"any_of" or "all_of" for composites, null for leaves.</summary>
    public string? Combinator { get; init; }
    public IReadOnlyList<ConditionEvaluation>? Children { get; init; }
    public required IndicatorField Missing { get; init; }
}

public sealed record RouteEvaluation
{
    public required bool? OnKeyRoute { get; init; }
    public required int MinCriteria { get; init; }
    public required IReadOnlyList<CommuneStatus> ReferenceStatuses { get; init; }
    /// <summary>Letters of the referenced classes' criteria that held (in any referenced class).</summary>
    public required IReadOnlyList<string> HeldCodes { get; init; }
    /// <summary>Letters that are unknown (missing inputs) and did not hold anywhere.</summary>
    public required IReadOnlyList<string> UnknownCodes { get; init; }
    public required bool Confirmed { get; init; }
    public string? Source { get; init; }
}
