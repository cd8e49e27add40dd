using DiaBan.Analytics.Domain;

namespace DiaBan.Demo.Province;

/// <summary>
/// Harbouring places and hotspots are places, not incidents: use-site incidents in one 500 m square in a period are one
/// harbouring place, and a square is a hotspot (tụ điểm, where use or dealing recurs) once it saw two such incidents.
/// </summary>
public static class DemoPlaces
{
    public const double SquareMetres = 500;
    public const int HotspotMinIncidents = 2;

    /// <summary>Distinct squares with a use-site incident, in the province's own metric frame.</summary>
    public static int HarbouringPlaces(IEnumerable<DemoIncident> incidents, DemoProvince province) =>
        HarbouringPlaces(incidents, Frame(province));

    /// <summary>Squares with at least <see cref="HotspotMinIncidents"/> use- or dealing-site incidents.</summary>
    public static int Hotspots(IEnumerable<DemoIncident> incidents, DemoProvince province) => Hotspots(incidents, Frame(province));

    internal static int HarbouringPlaces(IEnumerable<DemoIncident> incidents, LocalMetricFrame frame) =>
        Squares(incidents.Where(i => i.Kind == IncidentKind.UseSite), frame).Count();

    internal static int Hotspots(IEnumerable<DemoIncident> incidents, LocalMetricFrame frame) =>
        Squares(incidents.Where(i => i.Kind is IncidentKind.UseSite or IncidentKind.DealingSite), frame).Count(g => g.Count() >= HotspotMinIncidents);

    private static IEnumerable<IGrouping<(long, long), DemoIncident>> Squares(IEnumerable<DemoIncident> incidents, LocalMetricFrame frame) =>
        incidents.GroupBy(i =>
        {
            var m = frame.ToMetres(i.Lon, i.Lat);
            return ((long)Math.Floor(m.X / SquareMetres), (long)Math.Floor(m.Y / SquareMetres));
        });

    // the generator's frame: centred on the province's centroid
    private static LocalMetricFrame Frame(DemoProvince province)
    {
        var centre = province.ProvinceBoundary.Centroid;
        return new LocalMetricFrame(centre.X, centre.Y, (NetTopologySuite.Geometries.GeometryFactory)province.ProvinceBoundary.Factory);
    }
}
