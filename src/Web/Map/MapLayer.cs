namespace DiaBan.Web.Map;

/// <summary>What the map page draws: commune statuses, one of the statistics layers, or data completeness.</summary>
public enum MapLayer
{
    Status,
    HotSpots,
    Clusters,
    Emerging,
    Density,
    /// <summary>Mức đầy đủ dữ liệu: share of the required figures present, and whether they arrived on time.</summary>
    Completeness,
}
