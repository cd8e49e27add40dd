namespace DiaBan.Analytics.Risk;

/// <summary>Patrol capacity as a number of communes, or as patrol-days split into equal per-commune allotments.</summary>
public sealed record PatrolCapacity(int Slots, double DaysPerCommune)
{
    public static PatrolCapacity Communes(int count, double daysPerCommune = 0) =>
        count >= 0 ? new(count, daysPerCommune) : throw new ArgumentOutOfRangeException(nameof(count));

    /// <summary>floor(days ÷ daysPerCommune) communes, each receiving <paramref name="daysPerCommune"/> patrol-days.</summary>
    public static PatrolCapacity PatrolDays(double days, double daysPerCommune = 10) =>
        daysPerCommune > 0 && days >= 0 ? new((int)Math.Floor(days / daysPerCommune), daysPerCommune)
            : throw new ArgumentOutOfRangeException(nameof(daysPerCommune));
}

public sealed record PatrolPlanOptions
{
    /// <summary>ε: share of the slots reserved for exploration among lower-ranked communes.</summary>
    public double ExplorationShare { get; init; } = 0.2;

    public int Seed { get; init; } = 1;

    /// <summary>Quarters without patrol at which the "long unvisited" weight saturates.</summary>
    public int UnvisitedSaturation { get; init; } = 8;
}

/// <summary>
/// One commune in the plan. Exploitation slots come first by risk; exploration slots follow in draw order. Everything
/// the explanation says is here (kind, rank among <see cref="Communes"/>, probability and its spread, quarters unpatrolled,
/// expected count, the model's reasons); the web layer words it per language (DiaBan.Web.Risk.PatrolAssignmentText).
/// </summary>
public sealed record PatrolAssignment(
    int Rank,
    string UnitId,
    int UnitIndex,
    bool Exploration,
    int RiskRank,
    double Probability,
    double ProbabilitySd,
    int QuartersSinceLastPatrol,
    double PatrolDays,
    double ExpectedCount,
    int Communes,
    double ExplorationShare,
    IReadOnlyList<RiskReason> Reasons);

public sealed record PatrolPlan(IReadOnlyList<PatrolAssignment> Assignments, int Slots, int ExplorationSlots, double ExplorationShare, int Seed);
