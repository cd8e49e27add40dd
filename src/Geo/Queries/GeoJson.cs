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
    /// A bounded layer (points) adds foreign members (RFC 7946 §6.1) computed over the rows <c>f</c>: <paramref name="membersSql"/>
    /// (e.g. <c>'matched', max(f.matched)</c>) reads the columns <paramref name="columnsSql"/> carries from <c>u</c>, and
    /// <paramref name="orderSql"/> orders the features.
    /// </summary>
    public static string FeatureCollectionSql(string propertiesSql, string fromSql, string orderSql = "f.code",
        string? membersSql = null, string? columnsSql = null) => $"""
        SELECT json_build_object(
            'type', 'FeatureCollection',{(membersSql is null ? "" : $"\n            {membersSql},")}
            'features', COALESCE(json_agg(f.feature ORDER BY {orderSql}), '[]'::json))::text
        FROM (
            SELECT u.code,{(columnsSql is null ? "" : $" {columnsSql},")} json_build_object(
                'type', 'Feature',
                'id', u.code,
                'geometry', {GeometrySql("u.geom")},
                'properties', {propertiesSql}) AS feature
            {fromSql}
        ) f
        """;
}
