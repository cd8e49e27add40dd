namespace DiaBan.Web.Map;

/// <summary>What the map page draws: commune statuses, or one of the statistics layers.</summary>
public enum MapLayer
{
    Status,
    HotSpots,
    Clusters,
    Emerging,
    Density,
}
