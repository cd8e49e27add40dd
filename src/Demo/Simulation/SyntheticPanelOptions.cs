namespace DiaBan.Demo.Simulation;

/// <summary>Knobs of the synthetic commune world. Defaults give roughly one true offence per commune-quarter.</summary>
public sealed record SyntheticPanelOptions
{
    public int Units { get; init; } = 150;

    public int Quarters { get; init; } = 24;

    public int FirstYear { get; init; } = 2019;

    public int Seed { get; init; } = 1;

    /// <summary>Spacing of the jittered grid the communes sit on.</summary>
    public double CellKm { get; init; } = 5;

    /// <summary>Mean true offences per commune and quarter.</summary>
    public double MeanRate { get; init; } = 1.2;

    /// <summary>Scale of the covariate terms (urban field, population, route, businesses) in log risk; 0 = covariates carry no signal.</summary>
    public double CovariateEffect { get; init; } = 1;

    /// <summary>Standard deviation of the static, spatially smoothed part of log risk that no covariate reveals.</summary>
    public double HiddenSd { get; init; } = 0.5;

    /// <summary>AR(1) coefficient of the time-varying part of log risk.</summary>
    public double Persistence { get; init; } = 0.8;

    /// <summary>Stationary standard deviation of the time-varying part of log risk.</summary>
    public double DynamicSd { get; init; } = 0.4;

    /// <summary>Chance that an offence is reported to police whatever the patrols do.</summary>
    public double ReportProbability { get; init; } = 0.45;

    /// <summary>γ in P(found on patrol | not reported) = 1 − exp(−γ · patrol-days).</summary>
    public double PatrolDiscoveryPerDay { get; init; } = 0.04;

    public double MeanPatrolDays { get; init; } = 10;

    /// <summary>Grid cells per side of a synthetic district (the grouping used by the fairness report).</summary>
    public int DistrictCells { get; init; } = 4;
}
