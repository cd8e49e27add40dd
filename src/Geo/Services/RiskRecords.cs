using DiaBan.Analytics.Risk;
using DiaBan.Geo.Data;

namespace DiaBan.Geo.Services;

/// <summary>A stored score with the commune it belongs to.</summary>
public sealed record ScoredCommune(RiskScoreRecord Score, string Code, string Name, UnitKind Kind, int Population,
    IReadOnlyList<RiskReason> Reasons)
{
    public string KindLabel => Kind switch
    {
        UnitKind.Phuong => "phường",
        UnitKind.ThiTran => "thị trấn",
        UnitKind.DacKhu => "đặc khu",
        _ => "xã",
    };

    public CommuneRisk ToCommuneRisk(int index) => new(Code, index, Score.Quarter, Score.Probability, Score.ProbabilitySd,
        Score.ProbabilityLow, Score.ProbabilityHigh, Score.ExpectedCount, Score.StatusWorsenProbability, Score.LastStatus,
        Score.QuartersSinceLastPatrol, Reasons);
}

public sealed record PatrolPlanRow(PatrolAssignment Assignment, ScoredCommune Commune);

public sealed record PatrolPlanResult(int Quarter, RiskModelRecord Version, PatrolPlan Plan, IReadOnlyList<PatrolPlanRow> Rows,
    IReadOnlyList<ScoredCommune> Communes);
