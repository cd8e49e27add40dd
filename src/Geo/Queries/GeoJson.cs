namespace DiaBan.Geo.Queries;

/// <summary>Display geometry settings shared by the GeoJSON queries.</summary>
public static class GeoJson
{
    public const string MediaType = "application/geo+json";

    /// <summary>Decimal places kept in coordinates: 5 places of a degree is about 1 m, finer than any commune boundary we draw.</summary>
    public const int CoordinateDecimals = 5;

    /// <summary>ST_SimplifyPreserveTopology tolerance in degrees (about 30 m for communes, 200 m for provinces).</summary>
    public static double Tolerance(string level) => level == "province" ? 0.002 : 0.0003;

    public const string EmptyFeatureCollection = """{"type":"FeatureCollection","features":[]}""";

    /// <summary>
    /// SQL for one feature's geometry: simplified for display, exterior rings counter-clockwise (RFC 7946 §3.1.6),
    /// rounded; no crs member (RFC 7946 coordinates are always WGS 84).
    /// </summary>
    public static string GeometrySql(string column) =>
        $"ST_AsGeoJSON(ST_ForcePolygonCCW(ST_SimplifyPreserveTopology({column}, @tolerance)), {CoordinateDecimals}, 0)::json";

    /// <summary>
    /// One SELECT that returns a whole FeatureCollection as text, features ordered by code, assembled in PostGIS.
    /// <paramref name="fromSql"/> must expose the unit as <c>u</c> (id, code, geom); <paramref name="propertiesSql"/> is a json expression.
    /// </summary>
    public static string FeatureCollectionSql(string propertiesSql, string fromSql) => $"""
        SELECT json_build_object(
            'type', 'FeatureCollection',
            'features', COALESCE(json_agg(f.feature ORDER BY f.code), '[]'::json))::text
        FROM (
            SELECT u.code, json_build_object(
                'type', 'Feature',
                'id', u.code,
                'geometry', {GeometrySql("u.geom")},
                'properties', {propertiesSql}) AS feature
            {fromSql}
        ) f
        """;
}
