namespace DiaBan.Analytics.Domain;

/// <summary>How an incident came to police knowledge, stored as its snake_case name ("patrol").</summary>
public enum IncidentSource
{
    Patrol,
    Tip,
    Inspection,
    Investigation,
    Other,
}

/// <summary>
/// The risk model's two-way split of <see cref="IncidentSource"/>: found on patrol (depends on where police went) or
/// reported by any other channel (citizens, other agencies, investigations).
/// </summary>
public enum DiscoverySource
{
    Patrol = 0,
    Reported = 1,
}

public static class IncidentSources
{
    /// <summary>The stored code the risk model reads as patrol-found; every other value, or none, is reported.</summary>
    public const string PatrolCode = "patrol";

    public static DiscoverySource Discovery(this IncidentSource source) =>
        source == IncidentSource.Patrol ? DiscoverySource.Patrol : DiscoverySource.Reported;
}
