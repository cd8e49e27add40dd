using DiaBan.Analytics.Domain;
using DiaBan.Geo.Queries;
using DiaBan.Geo.Services;

namespace DiaBan.Web.Api;

/// <summary>
/// The density layer as a caller may see it. The surface is estimated on the whole province (a cell near the area's edge
/// feels incidents across it), but a caller limited to some communes gets only their area's figures: the incident count
/// inside the area, the peak of the cells shown and shares of that peak — never the province's total or peak.
/// </summary>
public sealed class AreaDensity(HotSpotService service, StatisticsLayers layers)
{
    public Task<DensityLayerResult> DensityAsync(CalendarQuarter from, CalendarQuarter to, AreaScope scope, double? searchRadius = null,
        CancellationToken ct = default) =>
        LimitAsync(service.DensityAsync(from, to, scope, searchRadius, ct: ct), from.Start, to.EndExclusive, scope, ct);

    public Task<DensityLayerResult> DensityAsync(ReportPeriod period, AreaScope scope, double? searchRadius = null, CancellationToken ct = default) =>
        LimitAsync(service.DensityAsync(period, scope, searchRadius, ct: ct), period.Start, period.EndExclusive, scope, ct);

    private async Task<DensityLayerResult> LimitAsync(Task<DensityLayerResult> computing, DateOnly start, DateOnly endExclusive, AreaScope scope, CancellationToken ct)
    {
        var result = await computing;
        if (scope.IsUnrestricted || scope.ProvinceCode is not null) return result;

        var visible = await layers.VisibleUnitIdsAsync(scope, ct);
        var units = (await layers.UnitsAsync(endExclusive.AddDays(-1), scope, ct)).Where(u => visible.Contains(u.Id)).ToArray();
        var incidents = units.Length == 0 ? 0 : (await layers.IncidentPointsAsync(units, start, endExclusive, ct)).Count;
        var peak = result.Cells.Count == 0 ? 0 : result.Cells.Max(c => c.DensityPerKm2);
        var cells = result.Cells.Select(c => c with { ShareOfMaximum = peak > 0 ? c.DensityPerKm2 / peak : 0 }).ToArray();
        return result with { Points = incidents, MaximumPerKm2 = peak, Cells = cells };
    }
}
