using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Domain;

namespace DiaBan.Analytics.Risk;

/// <summary>
/// Everything the risk model reads, per commune (unit) and quarter. Arrays are indexed by unit position
/// (0..UnitCount-1) and quarter position (0..QuarterCount-1, i.e. <c>Quarters[q]</c> is the absolute quarter).
/// </summary>
public sealed class UnitQuarterPanel
{
    public required IReadOnlyList<string> UnitIds { get; init; }

    /// <summary>Consecutive absolute quarter indices (<see cref="CalendarQuarter.Ordinal"/>), oldest first.</summary>
    public required IReadOnlyList<int> Quarters { get; init; }

    /// <summary>Incident counts [unit, quarter, kind, source] (see <see cref="IncidentKind"/>, <see cref="DiscoverySource"/>).</summary>
    public required int[,,,] Counts { get; init; }

    /// <summary>Illegal use sites known active at the end of the quarter [unit, quarter].</summary>
    public required int[,] ActiveUseSites { get; init; }

    /// <summary>Dealing sites known active at the end of the quarter [unit, quarter].</summary>
    public required int[,] ActiveDealingSites { get; init; }

    public required double[] Population { get; init; }

    public required double[] AreaKm2 { get; init; }

    /// <summary>Businesses in conditional trades (karaoke, bars, guest houses) per unit.</summary>
    public required double[] ConditionalBusinesses { get; init; }

    /// <summary>Distance from the unit to the nearest key drug route, metres.</summary>
    public required double[] KeyRouteDistanceM { get; init; }

    /// <summary>Queen-contiguity neighbour lists (unit positions).</summary>
    public required int[][] Neighbours { get; init; }

    /// <summary>Patrol exposure [unit, quarter] in patrol-days.</summary>
    public required double[,] PatrolDays { get; init; }

    /// <summary>Calendar year of column 0 of <see cref="StatusByYear"/>.</summary>
    public int FirstStatusYear { get; init; }

    /// <summary>Yearly status ordinal [unit, year - FirstStatusYear] (<see cref="CommuneStatusInfo.Severity"/>), -1 = unknown.</summary>
    public int[,] StatusByYear { get; init; } = new int[0, 0];

    public int UnitCount => UnitIds.Count;

    public int QuarterCount => Quarters.Count;

    public int Count(int unit, int quarter, IncidentKind kind, DiscoverySource source) =>
        Counts[unit, quarter, (int)kind, (int)source];

    /// <summary>Status of a unit in a calendar year, or <see cref="CommuneStatusInfo.UnknownSeverity"/>.</summary>
    public int Status(int unit, int year)
    {
        int column = year - FirstStatusYear;
        return column >= 0 && column < StatusByYear.GetLength(1) ? StatusByYear[unit, column] : CommuneStatusInfo.UnknownSeverity;
    }

    /// <summary>Quarter position of an absolute quarter index, or -1 when outside the panel.</summary>
    public int PositionOf(int absoluteQuarter)
    {
        int position = absoluteQuarter - Quarters[0];
        return position >= 0 && position < QuarterCount ? position : -1;
    }

    /// <summary>Throws when array shapes disagree with the unit and quarter lists.</summary>
    public void Validate()
    {
        int units = UnitCount, quarters = QuarterCount;
        if (units == 0 || quarters == 0) throw new ArgumentException("Panel needs at least one unit and one quarter.");
        for (int q = 1; q < quarters; q++)
            if (Quarters[q] != Quarters[q - 1] + 1) throw new ArgumentException($"Quarters must be consecutive (position {q}).");
        Require(Counts.GetLength(0) == units && Counts.GetLength(1) == quarters && Counts.GetLength(2) == IncidentKinds.CountedKinds
                && Counts.GetLength(3) == 2, nameof(Counts));
        Require(ActiveUseSites.GetLength(0) == units && ActiveUseSites.GetLength(1) == quarters, nameof(ActiveUseSites));
        Require(ActiveDealingSites.GetLength(0) == units && ActiveDealingSites.GetLength(1) == quarters, nameof(ActiveDealingSites));
        Require(PatrolDays.GetLength(0) == units && PatrolDays.GetLength(1) == quarters, nameof(PatrolDays));
        Require(Population.Length == units, nameof(Population));
        Require(AreaKm2.Length == units && AreaKm2.All(a => a > 0), nameof(AreaKm2));
        Require(ConditionalBusinesses.Length == units, nameof(ConditionalBusinesses));
        Require(KeyRouteDistanceM.Length == units, nameof(KeyRouteDistanceM));
        Require(Neighbours.Length == units && Neighbours.All(n => n.All(j => j >= 0 && j < units)), nameof(Neighbours));
        Require(StatusByYear.Length == 0 || StatusByYear.GetLength(0) == units, nameof(StatusByYear));
    }

    /// <summary>Tallies incident points into a [unit, quarter, kind, source] count cube for this panel's shape.</summary>
    public static int[,,,] Tally(int unitCount, IReadOnlyList<int> quarters, IEnumerable<IncidentPoint> incidents)
    {
        var counts = new int[unitCount, quarters.Count, IncidentKinds.CountedKinds, 2];
        foreach (var incident in incidents)
        {
            int position = incident.Quarter - quarters[0];
            if (position < 0 || position >= quarters.Count) continue;
            counts[incident.Unit, position, (int)incident.Kind, (int)incident.Source]++;
        }
        return counts;
    }

    private static void Require(bool condition, string what)
    {
        if (!condition) throw new ArgumentException($"Panel array '{what}' has the wrong shape or values.");
    }
}
