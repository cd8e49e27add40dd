using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Records;
using DiaBan.Geo.Data;
using NetTopologySuite.Geometries;

namespace DiaBan.Demo.Province;

/// <summary>
/// Drug spots and tips for the demo, derived from its incidents so the three agree (DemoPlaces' rule): a 500 m square with
/// at least two use- or dealing-site incidents is a spot, found on its first incident (a tụ điểm when it saw a dealing
/// site or four incidents, else an điểm), put under watch two weeks later, eliminated 120 days after an incident with no
/// other in the following year, and re-emerged at the next incident after that. Each tip incident is a tip, resolved
/// (deterministically by id) 3–40 days later in about 92 % of cases, the rest still being checked. Every record is verified
/// (reviewed by "demo"); nothing names a person.
/// </summary>
public static class DemoRecords
{
    public const int QuietDaysBeforeElimination = 365;
    public const int EliminatedAfterDays = 120;
    public const string Reviewer = "demo";

    public sealed record Spot(string Code, SpotKind Kind, double Lon, double Lat, string UnitCode, bool PreMerger, IReadOnlyList<SpotStep> Steps);

    public sealed record Tip(long IncidentId, DateOnly ReceivedOn, TipChannel Channel, string UnitCode, bool PreMerger, TipState State,
        TipOutcome? Outcome, DateOnly? ResolvedOn);

    public static IReadOnlyList<Spot> Spots(DemoProvince demo)
    {
        var centre = demo.ProvinceBoundary.Centroid;
        var frame = new LocalMetricFrame(centre.X, centre.Y, (GeometryFactory)demo.ProvinceBoundary.Factory);
        var last = DemoCalendar.LastIncidentDay;
        var spots = new List<Spot>();
        var squares = demo.Incidents.Where(i => i.Kind is IncidentKind.UseSite or IncidentKind.DealingSite)
            .GroupBy(i =>
            {
                var m = frame.ToMetres(i.Lon, i.Lat);
                return ((long)Math.Floor(m.X / DemoPlaces.SquareMetres), (long)Math.Floor(m.Y / DemoPlaces.SquareMetres));
            })
            .Where(g => g.Count() >= DemoPlaces.HotspotMinIncidents)
            .Select(g => g.OrderBy(i => i.Date).ThenBy(i => i.Id).ToList())
            .OrderBy(g => g[0].Date).ThenBy(g => g[0].Id);
        foreach (var incidents in squares)
        {
            var first = incidents[0];
            var steps = new List<SpotStep> { new(SpotState.Detected, first.Date) };
            var watched = first.Date.AddDays(14);
            for (int k = 0; k < incidents.Count; k++)
            {
                var day = incidents[k].Date;
                var next = k + 1 < incidents.Count ? incidents[k + 1].Date : (DateOnly?)null;
                if (steps[^1].State is SpotState.Detected or SpotState.ReEmerged && watched <= (next ?? last) && watched <= last)
                    steps.Add(new(SpotState.UnderWatch, watched));
                var quietUntil = day.AddDays(QuietDaysBeforeElimination);
                var eliminated = day.AddDays(EliminatedAfterDays);
                if ((next is null || next.Value > quietUntil) && eliminated <= last && eliminated > steps[^1].On)
                {
                    steps.Add(new(SpotState.Eliminated, eliminated));
                    if (next is { } again)
                    {
                        steps.Add(new(SpotState.ReEmerged, again));
                        watched = again.AddDays(14);
                    }
                }
            }
            if (SpotLifecycle.Check(steps) is { } error) throw new InvalidOperationException($"demo spot history: {error}");
            var kind = incidents.Any(i => i.Kind == IncidentKind.DealingSite) || incidents.Count >= 4 ? SpotKind.Hotspot : SpotKind.Point;
            var pre = first.Date < DemoCalendar.MergerDate;
            spots.Add(new Spot($"DS-{first.UnitCode}-{first.Date.Year}-{spots.Count + 1:0000}", kind, first.Lon, first.Lat, first.UnitCode, pre, steps));
        }
        return spots;
    }

    public static IReadOnlyList<Tip> Tips(DemoProvince demo)
    {
        var last = DemoCalendar.LastIncidentDay;
        var channels = Enum.GetValues<TipChannel>();
        return demo.Incidents.Where(i => i.Kind == IncidentKind.Tip).OrderBy(i => i.Date).ThenBy(i => i.Id).Select(i =>
        {
            var h = (uint)(i.Id * 2654435761u);
            var resolvedOn = i.Date.AddDays(3 + (int)(h % 38));
            var resolved = h % 100 < 92 && resolvedOn <= last;
            TipOutcome? outcome = resolved ? (h / 100 % 10) switch { < 5 => TipOutcome.Confirmed, < 9 => TipOutcome.Unfounded, _ => TipOutcome.Transferred } : null;
            return new Tip(i.Id, i.Date, channels[(int)(h / 1000 % (uint)channels.Length)], i.UnitCode, i.Date < DemoCalendar.MergerDate,
                resolved ? TipState.Resolved : TipState.Checking, outcome, resolved ? resolvedOn : null);
        }).ToList();
    }

    /// <summary>Adds the demo's spots and tips to <paramref name="db"/> (the caller saves, inside a bulk write).</summary>
    public static (int Spots, int Tips) Add(DiaBanDb db, DemoProvince demo, IReadOnlyDictionary<string, int> pre, IReadOnlyDictionary<string, int> post)
    {
        var at = new DateTimeOffset(DemoCalendar.LastIncidentDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var spots = Spots(demo);
        db.DrugSpots.AddRange(spots.Select(s => new DrugSpot
        {
            Code = s.Code, Kind = s.Kind, Geom = new Point(s.Lon, s.Lat) { SRID = 4326 }, UnitId = (s.PreMerger ? pre : post)[s.UnitCode],
            Description = s.Kind == SpotKind.Hotspot ? "Tụ điểm tập trung sử dụng, mua bán (dữ liệu mô phỏng)" : "Điểm sử dụng trái phép (dữ liệu mô phỏng)",
            CreatedBy = Reviewer, CreatedAt = at,
            Steps = s.Steps.Select((st, i) => new DrugSpotStep
            {
                Seq = i + 1, State = st.State, OccurredOn = st.On, RecordingUnit = "Công an xã (mô phỏng)", EnteredBy = Reviewer, EnteredAt = at,
                Review = ReviewState.Verified, ReviewedBy = Reviewer, ReviewedAt = at,
            }).ToList(),
        }));
        var tips = Tips(demo);
        db.Tips.AddRange(tips.Select(t => new TipRecord
        {
            ReceivedOn = t.ReceivedOn, Channel = t.Channel, UnitId = (t.PreMerger ? pre : post)[t.UnitCode],
            Summary = "Tin báo về hoạt động liên quan đến ma túy (dữ liệu mô phỏng)", State = t.State, Outcome = t.Outcome, ResolvedOn = t.ResolvedOn,
            EnteredBy = Reviewer, EnteredAt = at, Review = ReviewState.Verified, ReviewedBy = Reviewer, ReviewedAt = at,
            VerifiedState = t.State, VerifiedOutcome = t.Outcome, VerifiedResolvedOn = t.ResolvedOn,
        }));
        return (spots.Count, tips.Count);
    }
}
