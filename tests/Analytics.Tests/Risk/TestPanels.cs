using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Risk;

namespace DiaBan.Analytics.Tests.Risk;

/// <summary>Hand-built panels: zero counts, given shape; tests fill in what they need.</summary>
internal static class TestPanels
{
    public static UnitQuarterPanel Empty(int units, int quarters, int firstYear = 2020, int[][]? neighbours = null) => new()
    {
        UnitIds = Enumerable.Range(0, units).Select(i => $"X{i}").ToArray(),
        Quarters = Enumerable.Range(new CalendarQuarter(firstYear, 1).Ordinal, quarters).ToArray(),
        Counts = new int[units, quarters, IncidentKinds.CountedKinds, 2],
        ActiveUseSites = new int[units, quarters],
        ActiveDealingSites = new int[units, quarters],
        Population = Enumerable.Repeat(1000.0, units).ToArray(),
        AreaKm2 = Enumerable.Repeat(1.0, units).ToArray(),
        ConditionalBusinesses = new double[units],
        KeyRouteDistanceM = new double[units],
        Neighbours = neighbours ?? Enumerable.Range(0, units).Select(_ => Array.Empty<int>()).ToArray(),
        PatrolDays = new double[units, quarters],
        FirstStatusYear = firstYear,
        StatusByYear = Filled(units, (quarters + 3) / 4, CommuneStatusInfo.UnknownSeverity),
    };

    /// <summary>A copy whose arrays are independent of the original's.</summary>
    public static UnitQuarterPanel Copy(UnitQuarterPanel p) => new()
    {
        UnitIds = p.UnitIds.ToArray(),
        Quarters = p.Quarters.ToArray(),
        Counts = (int[,,,])p.Counts.Clone(),
        ActiveUseSites = (int[,])p.ActiveUseSites.Clone(),
        ActiveDealingSites = (int[,])p.ActiveDealingSites.Clone(),
        Population = p.Population.ToArray(),
        AreaKm2 = p.AreaKm2.ToArray(),
        ConditionalBusinesses = p.ConditionalBusinesses.ToArray(),
        KeyRouteDistanceM = p.KeyRouteDistanceM.ToArray(),
        Neighbours = p.Neighbours.Select(n => n.ToArray()).ToArray(),
        PatrolDays = (double[,])p.PatrolDays.Clone(),
        FirstStatusYear = p.FirstStatusYear,
        StatusByYear = (int[,])p.StatusByYear.Clone(),
    };

    /// <summary>Changes every quarter after position <paramref name="last"/>: counts, sites, patrols and the statuses decided later.</summary>
    public static UnitQuarterPanel ScrambleAfter(UnitQuarterPanel p, int last, int seed)
    {
        var copy = Copy(p);
        var random = new Random(seed);
        for (int u = 0; u < p.UnitCount; u++)
        {
            for (int t = last + 1; t < p.QuarterCount; t++)
            {
                for (int k = 0; k < IncidentKinds.CountedKinds; k++)
                    for (int s = 0; s < 2; s++) copy.Counts[u, t, k, s] = random.Next(6);
                copy.ActiveUseSites[u, t] = random.Next(4);
                copy.ActiveDealingSites[u, t] = random.Next(4);
                copy.PatrolDays[u, t] = random.Next(60);
            }
            int firstUnknownYear = CalendarQuarter.FromOrdinal(p.Quarters[last]).Year; // its status is decided after `last`
            for (int y = firstUnknownYear - p.FirstStatusYear; y < p.StatusByYear.GetLength(1); y++)
                if (y >= 0) copy.StatusByYear[u, y] = random.Next(5);
        }
        return copy;
    }

    private static int[,] Filled(int rows, int columns, int value)
    {
        var a = new int[rows, columns];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++) a[i, j] = value;
        return a;
    }
}
