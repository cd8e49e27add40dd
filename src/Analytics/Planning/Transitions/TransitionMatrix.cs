using DiaBan.Analytics.Classification;

namespace DiaBan.Analytics.Planning;

/// <summary>The from × to matrix of two years: non-empty cells in axis order, and every unit's transition.</summary>
public sealed record TransitionMatrix(
    int FromYear,
    int ToYear,
    PredecessorRule Rule,
    IReadOnlyList<TransitionCell> Cells,
    IReadOnlyList<UnitTransition> Units)
{
    /// <summary>Units valid at the end of the to-year (each counted once; equals the sum of the cell counts).</summary>
    public int Total => Units.Count;

    public IEnumerable<UnitTransition> Improved => Units.Where(u => u.Change == StatusChange.Improved);
    public IEnumerable<UnitTransition> Worsened => Units.Where(u => u.Change == StatusChange.Worsened);

    /// <summary>The cell for a pair of statuses (null = not assessed); an empty cell when no unit moved that way.</summary>
    public TransitionCell Cell(CommuneStatus? from, CommuneStatus? to) =>
        Cells.FirstOrDefault(c => c.From == from && c.To == to) ?? new TransitionCell(from, to, []);
}

/// <summary>One cell: the units whose from-year status is From and to-year status is To, by code.</summary>
public sealed record TransitionCell(CommuneStatus? From, CommuneStatus? To, IReadOnlyList<string> Communes)
{
    public int Count => Communes.Count;
    public string FromCode => From.AxisCode();
    public string ToCode => To.AxisCode();
}

/// <summary>One unit valid at the end of the to-year, with where it came from and which criteria changed outcome.</summary>
public sealed record UnitTransition(
    string UnitCode,
    CommuneStatus? From,
    CommuneStatus? To,
    StatusChange Change,
    DerivedStatus? Derivation,
    IReadOnlyList<CriterionChange> ChangedCriteria)
{
    /// <summary>True when the from-year status was derived from predecessors (never an official status: label it so).</summary>
    public bool Derived => Derivation is not null;
}

/// <summary>A from-year status computed from the predecessors of a merged unit, with the rule actually applied.</summary>
/// <param name="Rule">The rule used; <see cref="PredecessorRule.Worst"/> when population-weighted lacked a population.</param>
/// <param name="Note">Why the rule differs from the one asked for, or why no status could be derived; null otherwise.</param>
public sealed record DerivedStatus(
    CommuneStatus? Status,
    PredecessorRule Rule,
    IReadOnlyList<PredecessorStatus> Predecessors,
    string? Note);

/// <summary>A predecessor's from-year status and its weight in the new unit (population × population share).</summary>
public sealed record PredecessorStatus(
    string OldCode,
    CommuneStatus? Status,
    double AreaShare,
    double PopulationShare,
    int? Population,
    double? Weight);
