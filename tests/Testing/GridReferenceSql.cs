using DiaBan.Geo.Services;
using Npgsql;

namespace DiaBan.Testing;

/// <summary>
/// The patrol grid as the first GridBuilder built it, in one PostGIS statement (ST_SquareGrid over each commune version
/// in its province's UTM zone, ST_Intersection on border squares, transformed to WGS 84 by PostGIS), kept as the
/// reference the in-memory builder is held to (GridBuilderEquivalenceTests) and timed beside it in bench/Places.
/// Writes into a table <c>grid_ref</c> (created here, same columns as grid_cell less id), not into grid_cell.
/// </summary>
public static class GridReferenceSql
{
    public static readonly string Build = $"""
        DROP TABLE IF EXISTS grid_ref;
        CREATE TABLE grid_ref AS
        WITH province_zone AS (
            SELECT p.id, {string.Format(GridBuilder.ZoneSridSql, "p.geom")} AS srid FROM admin_unit p WHERE p.level = 'province'
        ),
        commune AS (
            SELECT u.id, u.valid_from, u.valid_to, z.srid,
                   ST_Transform(u.geom, z.srid) AS g
            FROM admin_unit u
            CROSS JOIN LATERAL (SELECT COALESCE((SELECT pz.srid FROM province_zone pz WHERE pz.id = u.parent_id),
                                                {string.Format(GridBuilder.ZoneSridSql, "u.geom")}) AS srid) z
            WHERE u.level = 'commune'
        ),
        square AS (
            SELECT c.id, c.valid_from, c.valid_to, c.srid, s.i, s.j, s.geom AS sq, c.g
            FROM commune c CROSS JOIN LATERAL ST_SquareGrid(@size, c.g) s
            WHERE ST_Intersects(s.geom, c.g)
        ),
        piece AS (
            SELECT id, valid_from, valid_to, srid, i, j,
                   CASE WHEN ST_CoveredBy(sq, g) THEN sq ELSE ST_CollectionExtract(ST_Intersection(sq, g), 3) END AS p
            FROM square
        )
        SELECT @size AS size_m, srid, i, j, id AS unit_id, valid_from, valid_to,
               LEAST(ST_Area(p) / (@size::float8 * @size), 1.0) AS area_share, ST_X(ST_Centroid(p)) AS x, ST_Y(ST_Centroid(p)) AS y,
               ST_Multi(ST_Transform(p, 4326)) AS geom
        FROM piece
        WHERE ST_Area(p) >= {GridBuilder.MinPieceAreaM2}
        """;

    /// <summary>Builds grid_ref for <paramref name="sizeM"/>; returns its row count.</summary>
    public static async Task<long> BuildAsync(NpgsqlConnection connection, int sizeM)
    {
        await using (var cmd = new NpgsqlCommand(Build, connection) { CommandTimeout = 0 })
        {
            cmd.Parameters.Add(new NpgsqlParameter<int>("size", sizeM));
            await cmd.ExecuteNonQueryAsync();
        }
        await using var count = new NpgsqlCommand("SELECT count(*) FROM grid_ref", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
