using DiaBan.Analytics.Classification;

namespace DiaBan.Analytics.Planning;

/// <summary>How a unit created by the 1/7/2025 merger gets a status for a year before it existed (DOMAIN.md §4).</summary>
public enum PredecessorRule
{
    /// <summary>The most severe predecessor status (DOMAIN.md §4.3: "all components drug-free" is the only way to be drug-free).</summary>
    Worst,
    /// <summary>The status whose predecessors hold the largest population weight (population × population share into the
    /// new unit); ties go to the worse status.</summary>
    PopulationWeighted,
}

/// <summary>One unit's status in one year. A null status means no assessment exists for that year.</summary>
public sealed record UnitYearStatus(string UnitCode, CommuneStatus? Status)
{
    /// <summary>The computed assessment behind the status, when there is one (for the criteria diff).</summary>
    public StatusAssessmentResult? Assessment { get; init; }

    /// <summary>Resident population that year (the weight of the population-weighted rule).</summary>
    public int? Population { get; init; }
}

/// <summary>One old → new row of the merger: which share of the old unit went into the new one (unit_lineage).</summary>
public sealed record LineageLink(string NewCode, string OldCode, double AreaShare, double PopulationShare);

/// <summary>Everything a transition matrix is computed from.</summary>
public sealed record TransitionInput
{
    public required int FromYear { get; init; }
    public required int ToYear { get; init; }
    /// <summary>Statuses of the units valid in the from-year (pre-merger codes when the from-year is before 1/7/2025).</summary>
    public required IReadOnlyList<UnitYearStatus> From { get; init; }
    /// <summary>Statuses of exactly the units valid at the end of the to-year: each is counted once.</summary>
    public required IReadOnlyList<UnitYearStatus> To { get; init; }
    /// <summary>Links for to-year units that did not exist in the from-year; a unit with links takes a derived status.</summary>
    public IReadOnlyList<LineageLink> Lineage { get; init; } = [];
    public PredecessorRule Rule { get; init; } = PredecessorRule.Worst;
}
