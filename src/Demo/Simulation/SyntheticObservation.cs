using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Risk;

namespace DiaBan.Demo.Simulation;

/// <summary>Turns a <see cref="SyntheticWorld"/> and a patrol plan into the records police would hold.</summary>
internal static class SyntheticObservation
{
    public static SyntheticPanel Observe(SyntheticWorld world, double[,] patrolDays)
    {
        var o = world.Options;
        int n = world.UnitCount, q = world.QuarterCount;
        if (patrolDays.GetLength(0) != n || patrolDays.GetLength(1) != q)
            throw new ArgumentException("Patrol-days must be [units, quarters] of the world.", nameof(patrolDays));
        var points = new List<IncidentPoint>();
        var activeUse = new int[n, q];
        var activeDealing = new int[n, q];
        foreach (var incident in world.Incidents)
        {
            var source = Discover(incident, o, patrolDays[incident.Unit, incident.Quarter]);
            if (source is null) continue;
            var (cx, cy) = world.Centroids[incident.Unit];
            points.Add(new IncidentPoint(incident.Unit, world.Quarters[incident.Quarter], incident.Kind, source.Value,
                cx + incident.Dx, cy + incident.Dy));
            var stock = incident.Kind switch { IncidentKind.UseSite => activeUse, IncidentKind.DealingSite => activeDealing, _ => null };
            if (stock is null) continue;
            for (int t = incident.Quarter; t < Math.Min(q, incident.Quarter + incident.SiteLifetime); t++) stock[incident.Unit, t]++;
        }
        var counts = UnitQuarterPanel.Tally(n, world.Quarters, points);
        var (firstYear, status) = YearlyStatus(world, counts, activeUse, activeDealing);
        var panel = new UnitQuarterPanel
        {
            UnitIds = Enumerable.Range(0, n).Select(i => $"U{i:00000}").ToArray(),
            Quarters = world.Quarters,
            Counts = counts,
            ActiveUseSites = activeUse,
            ActiveDealingSites = activeDealing,
            Population = world.Population,
            AreaKm2 = world.AreaKm2,
            ConditionalBusinesses = world.Businesses,
            KeyRouteDistanceM = world.RouteDistanceM,
            Neighbours = world.Neighbours,
            PatrolDays = (double[,])patrolDays.Clone(),
            FirstStatusYear = firstYear,
            StatusByYear = status,
        };
        return new SyntheticPanel(panel, points, world.Centroids, world.DistrictIds, world.TrueRate);
    }

    private static DiscoverySource? Discover(TrueIncident incident, SyntheticPanelOptions o, double days)
    {
        if (incident.ReportDraw < o.ReportProbability) return DiscoverySource.Reported;
        if (incident.PatrolDraw < 1 - Math.Exp(-o.PatrolDiscoveryPerDay * days)) return DiscoverySource.Patrol;
        return null;
    }

    // A stand-in for the yearly classification: recorded offences per 1,000 residents and active sites at year end.
    private static (int FirstYear, int[,] Status) YearlyStatus(SyntheticWorld world, int[,,,] counts, int[,] use, int[,] dealing)
    {
        int n = world.UnitCount, firstQuarter = world.Quarters[0];
        int firstYear = (firstQuarter + 3) / 4; // first year with all four quarters inside the panel
        int lastYear = CalendarQuarter.FromOrdinal(world.Quarters[^1] + 1).Year - 1;
        int years = Math.Max(0, lastYear - firstYear + 1);
        var status = new int[n, years];
        for (int y = 0; y < years; y++)
        {
            int start = new CalendarQuarter(firstYear + y, 1).Ordinal - firstQuarter;
            for (int u = 0; u < n; u++)
            {
                double offences = 0;
                for (int t = start; t < start + 4; t++)
                    foreach (var kind in IncidentKinds.Offences)
                        offences += counts[u, t, (int)kind, 0] + counts[u, t, (int)kind, 1];
                int sites = use[u, start + 3] + dealing[u, start + 3];
                double rate = offences * 1000 / world.Population[u];
                status[u, y] = offences == 0 && sites == 0 ? CommuneStatus.DrugFree.Severity()
                    : rate < 0.25 ? CommuneStatus.HasDrugs.Severity()
                    : rate < 0.5 ? CommuneStatus.KeyTypeIII.Severity()
                    : rate < 1.0 ? CommuneStatus.KeyTypeII.Severity()
                    : CommuneStatus.KeyTypeI.Severity();
            }
        }
        return (firstYear, status);
    }
}
