using System.Diagnostics;
using DiaBan.Geo.Data;
using DiaBan.Geo.Import;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DiaBan.Geo.Services;

/// <summary>What a grid build wrote: the size, the pieces (square × commune version) and the time it took.</summary>
public sealed record GridBuildResult(int SizeM, int Cells, int Squares, int Communes, TimeSpan Elapsed);

/// <summary>
/// Builds the patrol grid (table grid_cell) set-based in PostGIS: ST_SquareGrid over each commune version in the metric
/// CRS of its province, kept where it meets the commune, clipped (ST_Intersection only for squares on the border; squares
/// inside keep their square), one row per square and commune version with the commune's validity. Rebuilding a size
/// replaces its rows in one transaction with one summary audit row.
/// </summary>
public sealed class GridBuilder(DiaBanDb db)
{
    /// <summary>Default side of a cell (issue 10: NIJ cells 250–600 ft, PredPol 150 m; 250 m suits a commune patrol).</summary>
    public const int DefaultSizeM = 250;

    /// <summary>Pieces smaller than this (m²) are slivers of shared borders, not places: left out.</summary>
    public const double MinPieceAreaM2 = 1;

    // CRS: UTM on WGS 84, zone 48N (EPSG:32648) for provinces whose centroid lies west of 108°E, 49N (EPSG:32649) east of
    // it. Chosen over VN-2000 TM-3 because PostGIS transforms WGS 84 ↔ UTM exactly without a datum shift (VN-2000 needs
    // its 7-parameter towgs84, and TM-3 has a zone per province: more seams), the stored boundaries are WGS 84 already,
    // and a 6° UTM zone keeps scale error below 0.1 % across a province — squares stay within 0.25 m of 250 m. ST_SquareGrid
    // aligns squares on multiples of the size from the CRS origin, which is what CellIndex relies on.
    public const string ZoneSridSql = "CASE WHEN ST_X(ST_Centroid({0})) < 108 THEN 32648 ELSE 32649 END";

    private static readonly string BuildSql = $"""
        WITH province_zone AS (
            SELECT p.id, {string.Format(ZoneSridSql, "p.geom")} AS srid FROM admin_unit p WHERE p.level = 'province'
        ),
        commune AS (
            SELECT u.id, u.valid_from, u.valid_to, z.srid,
                   ST_Transform(u.geom, z.srid) AS g
            FROM admin_unit u
            CROSS JOIN LATERAL (SELECT COALESCE((SELECT pz.srid FROM province_zone pz WHERE pz.id = u.parent_id),
                                                {string.Format(ZoneSridSql, "u.geom")}) AS srid) z
            WHERE u.level = 'commune' AND (@unit_ids IS NULL OR u.id = ANY(@unit_ids))
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
        INSERT INTO grid_cell (size_m, srid, i, j, unit_id, valid_from, valid_to, area_share, x, y, geom)
        SELECT @size, srid, i, j, id, valid_from, valid_to,
               LEAST(ST_Area(p) / (@size::float8 * @size), 1.0), ST_X(ST_Centroid(p)), ST_Y(ST_Centroid(p)),
               ST_Multi(ST_Transform(p, 4326))
        FROM piece
        WHERE ST_Area(p) >= {MinPieceAreaM2}
        """;

    /// <summary>(Re)builds the grid of <paramref name="sizeM"/> metres for every commune version.</summary>
    public async Task<GridBuildResult> BuildAsync(int sizeM = DefaultSizeM, CancellationToken ct = default)
    {
        if (sizeM is < 10 or > 10_000) throw new ArgumentOutOfRangeException(nameof(sizeM), sizeM, "cell size must lie in 10…10000 m / kích thước ô 10…10000 m");
        var clock = Stopwatch.StartNew();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            using var bulk = db.BulkWrite("build", "grid_cell");
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM grid_cell WHERE size_m = @size", [new NpgsqlParameter<int>("size", sizeM)], ct);
            var cells = await db.Database.ExecuteSqlRawAsync(BuildSql,
                [new NpgsqlParameter<int>("size", sizeM), new NpgsqlParameter("unit_ids", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Integer) { Value = DBNull.Value }], ct);
            var (squares, communes) = await CountsAsync(sizeM, ct);
            bulk.Summarise(new { size_m = sizeM, cells, squares, communes });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new GridBuildResult(sizeM, cells, squares, communes, clock.Elapsed);
        });
    }

    /// <summary>Rebuilds every size already built (after a boundary import changed the communes); none built = nothing to do.</summary>
    public async Task<IReadOnlyList<GridBuildResult>> RefreshAsync(CancellationToken ct = default)
    {
        var sizes = await db.GridCells.Select(c => c.SizeM).Distinct().OrderBy(s => s).ToListAsync(ct);
        var results = new List<GridBuildResult>();
        foreach (var size in sizes) results.Add(await BuildAsync(size, ct));
        return results;
    }

    private async Task<(int Squares, int Communes)> CountsAsync(int sizeM, CancellationToken ct)
    {
        var row = await db.Database.SqlQueryRaw<CountRow>(
            """SELECT count(DISTINCT (srid, i, j))::int AS "Squares", count(DISTINCT unit_id)::int AS "Communes" FROM grid_cell WHERE size_m = @size""",
            new NpgsqlParameter<int>("size", sizeM)).SingleAsync(ct);
        return (row.Squares, row.Communes);
    }

    private sealed record CountRow(int Squares, int Communes);
}
