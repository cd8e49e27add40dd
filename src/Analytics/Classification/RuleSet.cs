namespace DiaBan.Analytics.Classification;

/// <summary>
/// A versioned, editable set of status criteria (one legal instrument). Stored as JSON (see RuleSets/*.json and
/// <see cref="RuleSetCatalog.Parse"/>); classes are evaluated in list order, most severe first.
/// </summary>
public sealed record RuleSet
{
    public required string Id { get; init; }
    public required int Version { get; init; }
    /// <summary>Vietnamese name of the criteria.</summary>
    public required string Name { get; init; }
    /// <summary>The instrument: number, date, issuer.</summary>
    public required string LegalBasis { get; init; }
    public required CriteriaRegime Regime { get; init; }
    public required DateOnly EffectiveFrom { get; init; }
    /// <summary>Exclusive end of validity; null while in force.</summary>
    public DateOnly? EffectiveTo { get; init; }
    /// <summary>Ordered from most severe to least; the first class that holds decides the status.</summary>
    public required IReadOnlyList<StatusClassRule> Classes { get; init; }
    /// <summary>The status when no class holds.</summary>
    public required FallbackStatus Fallback { get; init; }
    public IReadOnlyList<string>? Notes { get; init; }

    public bool IsInForceOn(DateOnly date) => EffectiveFrom <= date && (EffectiveTo is null || date < EffectiveTo.Value);
}

public sealed record FallbackStatus
{
    public required CommuneStatus Status { get; init; }
    public required string Label { get; init; }
}

/// <summary>One status class: it holds when at least <see cref="MinCriteria"/> of its criteria hold.</summary>
public sealed record StatusClassRule
{
    public required CommuneStatus Status { get; init; }
    /// <summary>Vietnamese label as the instrument words it.</summary>
    public required string Label { get; init; }
    public required int MinCriteria { get; init; }
    /// <summary>Whether the "at least k" count itself was read in an official source.</summary>
    public required bool MinCriteriaConfirmed { get; init; }
    public string? Source { get; init; }
    public required IReadOnlyList<CriterionRule> Criteria { get; init; }
}

/// <summary>A lettered criterion (a, b, c, d, đ): either a threshold condition or a key-route condition.</summary>
public sealed record CriterionRule
{
    /// <summary>Letter as in the instrument; the same letter means the same quantity across classes.</summary>
    public required string Code { get; init; }
    public required string Description { get; init; }
    public ConditionRule? Condition { get; init; }
    public RouteRule? Route { get; init; }
}

/// <summary>
/// Either a leaf (measure, op, value or lower/upper, confirmed, source) or a composite (any_of / all_of of conditions).
/// </summary>
public sealed record ConditionRule
{
    public Measure? Measure { get; init; }
    public Comparison? Op { get; init; }
    public double? Value { get; init; }
    public double? Lower { get; init; }
    public double? Upper { get; init; }
    /// <summary>Whether this threshold was read in an official source (DOMAIN.md ✅); false = provisional reading.</summary>
    public bool? Confirmed { get; init; }
    public string? Source { get; init; }
    public IReadOnlyList<ConditionRule>? AnyOf { get; init; }
    public IReadOnlyList<ConditionRule>? AllOf { get; init; }

    public bool IsLeaf => AnyOf is null && AllOf is null;
}

/// <summary>
/// Criterion đ: at least <see cref="MinCriteria"/> of the non-route criteria of the referenced classes hold (a letter
/// counts once if it holds in any of them) AND the unit lies on a key route.
/// </summary>
public sealed record RouteRule
{
    public required int MinCriteria { get; init; }
    /// <summary>Classes whose criteria count, e.g. type III, II and I for "type III or higher".</summary>
    public required IReadOnlyList<CommuneStatus> ReferenceStatuses { get; init; }
    public required bool Confirmed { get; init; }
    public string? Source { get; init; }
}
