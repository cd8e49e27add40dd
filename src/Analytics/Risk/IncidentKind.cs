namespace DiaBan.Analytics.Risk;

/// <summary>Kinds of recorded drug incidents counted per commune and quarter.</summary>
public enum IncidentKind
{
    Arrest = 0,
    Seizure = 1,
    UseSite = 2,
    DealingSite = 3,
    PlantSite = 4,
    InspectionViolation = 5,
    Tip = 6,
}

/// <summary>How an incident came to police knowledge: found on patrol, or reported (citizens, other agencies).</summary>
public enum DiscoverySource
{
    Patrol = 0,
    Reported = 1,
}

/// <summary>Which incident kinds are drug offences (the forecast target) as opposed to leads (tips, inspections).</summary>
public static class IncidentKinds
{
    public const int Count = 7;

    public static IReadOnlyList<IncidentKind> All { get; } = Enum.GetValues<IncidentKind>();

    public static IReadOnlyList<IncidentKind> Offences { get; } =
        [IncidentKind.Arrest, IncidentKind.Seizure, IncidentKind.UseSite, IncidentKind.DealingSite, IncidentKind.PlantSite];

    public static bool IsOffence(IncidentKind kind) => kind <= IncidentKind.PlantSite;

    /// <summary>snake_case name used in feature names and data files.</summary>
    public static string Code(IncidentKind kind) => kind switch
    {
        IncidentKind.Arrest => "arrest",
        IncidentKind.Seizure => "seizure",
        IncidentKind.UseSite => "use_site",
        IncidentKind.DealingSite => "dealing_site",
        IncidentKind.PlantSite => "plant_site",
        IncidentKind.InspectionViolation => "inspection_violation",
        IncidentKind.Tip => "tip",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
