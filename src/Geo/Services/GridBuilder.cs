using System.Collections.Concurrent;
using System.Diagnostics;
using DiaBan.Geo.Crs;
using DiaBan.Geo.Data;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.IO;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;
using Npgsql;
using NpgsqlTypes;

namespace DiaBan.Geo.Services;

/// <summary>What a grid build wrote: the size, the pieces (square × commune version) and the time it took.</summary>
public sealed record GridBuildResult(int SizeM, int Cells, int Squares, int Communes, TimeSpan Elapsed)
{
    /// <summary>Where the time went, in order (read communes, clear, cut + COPY, indexes…), with the CPU time of each phase
    /// when the builder was given a <see cref="GridBuilder.CpuClock"/>; for bench/Places.</summary>
    public IReadOnlyList<(string Phase, TimeSpan Time, TimeSpan? Cpu)> Phases { get; init; } = [];
}

/// <summary>A commune version in the metric CRS of its province, as the grid cutter reads it.</summary>
public sealed record GridCommune(int UnitId, DateOnly ValidFrom, DateOnly? ValidTo, int Srid, Geometry Geometry);

/// <summary>One piece of the grid: square (<see cref="I"/>, <see cref="J"/>) clipped to one commune version, in metres.</summary>
public sealed record GridPiece(GridCommune Commune, int I, int J, double AreaShare, double X, double Y, Geometry Piece);

/// <summary>
/// Builds the patrol grid (table grid_cell): the commune versions are read once in the metric CRS of their province,
/// cut into squares in memory with NetTopologySuite (<see cref="Cut"/>, parallel over communes), and written with one
/// binary COPY fed while the cutting goes on; the secondary indexes and the foreign key to admin_unit are dropped before
/// and rebuilt (the key validated by one join) after the COPY in the same transaction.
/// One row per square and commune version with the commune's validity. Rebuilding a size replaces its rows in one
/// transaction with one summary audit row. (Until 2026-11 the build was one ST_SquareGrid INSERT … SELECT in PostGIS:
/// the same pieces, 20× slower — docs/performance.md "Patrol grid"; PatrolGridTests holds it to that SQL, kept in tests/Testing/GridReferenceSql.)
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
    // and a 6° UTM zone keeps scale error below 0.1 % across a province — squares stay within 0.25 m of 250 m. Squares
    // align on multiples of the size from the CRS origin (as ST_SquareGrid does), which is what CellIndex relies on.
    public const string ZoneSridSql = "CASE WHEN ST_X(ST_Centroid({0})) < 108 THEN 32648 ELSE 32649 END";

    // every commune version in the metric CRS of its province (the province's zone; a commune without one by its own centroid)
    private static readonly string CommunesSql = $"""
        WITH province_zone AS (
            SELECT p.id, {string.Format(ZoneSridSql, "p.geom")} AS srid FROM admin_unit p WHERE p.level = 'province'
        )
        SELECT u.id, u.valid_from, u.valid_to, z.srid, ST_AsBinary(ST_Transform(u.geom, z.srid))
        FROM admin_unit u
        CROSS JOIN LATERAL (SELECT COALESCE((SELECT pz.srid FROM province_zone pz WHERE pz.id = u.parent_id),
                                            {string.Format(ZoneSridSql, "u.geom")}) AS srid) z
        WHERE u.level = 'commune'
        ORDER BY u.id
        """;

    /// <summary>For bench/Places: a clock of CPU time (e.g. this process plus the database server) read at each phase.</summary>
    public Func<TimeSpan>? CpuClock { get; init; }

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
            var conn = (NpgsqlConnection)db.Database.GetDbConnection();
            var phases = new List<(string, TimeSpan, TimeSpan?)>();
            var lap = Stopwatch.StartNew();
            var cpu = CpuClock?.Invoke();
            void Lap(string phase)
            {
                var now = CpuClock?.Invoke();
                phases.Add((phase, lap.Elapsed, now - cpu));
                cpu = now;
                lap.Restart();
            }
            var communes = await ReadCommunesAsync(conn, ct);
            Lap("read communes in UTM");

            // the secondary indexes (unique square × commune, size × commune, commune, GiST) are rebuilt once after the COPY,
            // and the foreign key to admin_unit re-added (validated by one join) instead of one lookup per row — cheaper than
            // maintaining them row by row; readers of grid_cell, and of admin_unit (dropping the foreign key removes its
            // triggers there), wait for the commit; the old rows stay until then
            var indexes = new List<(string Name, string Definition)>();
            await using (var cmd = new NpgsqlCommand("""
                SELECT indexname, indexdef FROM pg_indexes
                WHERE schemaname = current_schema() AND tablename = 'grid_cell' AND indexname <> 'pk_grid_cell'
                ORDER BY indexname
                """, conn))
            await using (var r = await cmd.ExecuteReaderAsync(ct))
                while (await r.ReadAsync(ct)) indexes.Add((r.GetString(0), r.GetString(1)));
            var foreignKeys = new List<(string Name, string Definition)>();
            await using (var cmd = new NpgsqlCommand("""
                SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
                WHERE conrelid = 'grid_cell'::regclass AND contype = 'f' ORDER BY conname
                """, conn))
            await using (var r = await cmd.ExecuteReaderAsync(ct))
                while (await r.ReadAsync(ct)) foreignKeys.Add((r.GetString(0), r.GetString(1)));
            var drop = string.Concat(foreignKeys.Select(f => $"ALTER TABLE grid_cell DROP CONSTRAINT \"{f.Name}\";\n"))
                       + string.Concat(indexes.Select(x => $"DROP INDEX \"{x.Name}\";\n"));
            if (drop.Length > 0) await ExecAsync(conn, drop, ct);
            // the table lock is held already (DROP INDEX): with no other size built, emptying the table is a TRUNCATE
            var otherSizes = await db.GridCells.AnyAsync(c => c.SizeM != sizeM, ct);
            await ExecAsync(conn, otherSizes ? $"DELETE FROM grid_cell WHERE size_m = {sizeM}" : "TRUNCATE grid_cell", ct);
            Lap("drop indexes and foreign key, clear the size");

            var (cells, squares, units) = await CutAndCopyAsync(conn, communes, sizeM, ct);
            Lap("cut squares (NTS, parallel) → WGS 84 EWKB → binary COPY, pipelined");

            // each index sorted in memory by this backend alone: parallel workers cost more to start and merge than they save
            // on 174,000 rows (bench/Places)
            await ExecAsync(conn, "SET LOCAL maintenance_work_mem = '256MB'; SET LOCAL max_parallel_maintenance_workers = 0", ct);
            foreach (var (name, definition) in indexes)
            {
                await ExecAsync(conn, definition, ct);
                Lap($"index {name}");
            }
            foreach (var (name, definition) in foreignKeys)
                await ExecAsync(conn, $"ALTER TABLE grid_cell ADD CONSTRAINT \"{name}\" {definition}", ct);
            Lap("foreign key to admin_unit (one join)");
            // statistics of the columns the readers filter and join on (PlaceQueries: size, validity, commune, square);
            // none reads by geometry, whose statistics (a sample of 30,000 polygons) were most of the ANALYZE
            await ExecAsync(conn, "ANALYZE grid_cell (size_m, srid, i, j, unit_id, valid_from, valid_to)", ct);
            Lap("analyze");

            bulk.Summarise(new { size_m = sizeM, cells, squares, communes = units });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            Lap("audit, commit");
            return new GridBuildResult(sizeM, cells, squares, units, clock.Elapsed) { Phases = phases };
        });
    }

    // Cuts the communes on the thread pool (largest first so both cores finish together) while this thread writes each
    // commune's pieces to the COPY as soon as it and the communes before it in that order are cut: the server parses and
    // stores rows while the cores cut the next communes. The rows are the same, in the same order, as cutting everything
    // first. Returns the rows written, distinct squares and distinct communes.
    private static async Task<(int Cells, int Squares, int Communes)> CutAndCopyAsync(NpgsqlConnection conn, IReadOnlyList<GridCommune> communes,
        int sizeM, CancellationToken ct)
    {
        var order = CutOrder(communes);
        var channel = System.Threading.Channels.Channel.CreateUnbounded<(int Position, Row[] Rows)>(new() { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(() =>
        {
            try
            {
                Parallel.ForEach(Partitioner.Create(0, order.Length, 1), new ParallelOptions { CancellationToken = stop.Token }, range =>
                {
                    var writer = new WKBWriter(ByteOrder.LittleEndian, handleSRID: true);
                    var wgs = new GeometryFactory(new PrecisionModel(), CoordinateSystems.Wgs84);
                    for (var position = range.Item1; position < range.Item2; position++)
                        channel.Writer.TryWrite((position, CutOne(communes[order[position]], sizeM).Select(p => ToRow(p, writer, wgs)).ToArray()));
                });
                channel.Writer.Complete();
            }
            catch (Exception e) { channel.Writer.Complete(e); }
        }, CancellationToken.None);

        int cells = 0;
        var squares = new HashSet<(int, int, int)>();
        var units = new HashSet<int>();
        try
        {
            await using var copy = await conn.BeginBinaryImportAsync(
                "COPY grid_cell (size_m, srid, i, j, unit_id, valid_from, valid_to, area_share, x, y, geom) FROM STDIN (FORMAT BINARY)", ct);
            var pending = new Dictionary<int, Row[]>();
            var next = 0;
            await foreach (var (position, rows) in channel.Reader.ReadAllAsync(ct))
            {
                pending[position] = rows;
                while (pending.Remove(next, out var ready))
                {
                    next++;
                    foreach (var row in ready)
                    {
                        var piece = row.Piece;
                        await copy.StartRowAsync(ct);
                        await copy.WriteAsync(sizeM, NpgsqlDbType.Integer, ct);
                        await copy.WriteAsync(piece.Commune.Srid, NpgsqlDbType.Integer, ct);
                        await copy.WriteAsync(piece.I, NpgsqlDbType.Integer, ct);
                        await copy.WriteAsync(piece.J, NpgsqlDbType.Integer, ct);
                        await copy.WriteAsync(piece.Commune.UnitId, NpgsqlDbType.Integer, ct);
                        await copy.WriteAsync(piece.Commune.ValidFrom, NpgsqlDbType.Date, ct);
                        if (piece.Commune.ValidTo is DateOnly to) await copy.WriteAsync(to, NpgsqlDbType.Date, ct); else await copy.WriteNullAsync(ct);
                        await copy.WriteAsync(piece.AreaShare, NpgsqlDbType.Double, ct);
                        await copy.WriteAsync(piece.X, NpgsqlDbType.Double, ct);
                        await copy.WriteAsync(piece.Y, NpgsqlDbType.Double, ct);
                        await copy.WriteAsync(row.Wgs84Ewkb, NpgsqlDbType.Bytea, ct); // EWKB: geometry's binary input reads it as is
                        cells++;
                        squares.Add((piece.Commune.Srid, piece.I, piece.J));
                        units.Add(piece.Commune.UnitId);
                    }
                }
            }
            await copy.CompleteAsync(ct);
        }
        finally
        {
            stop.Cancel(); // the COPY failed or finished: a producer still cutting stops at its next range
            try { await producer; } catch (OperationCanceledException) { }
        }
        return (cells, squares.Count, units.Count);
    }

    /// <summary>Rebuilds every size already built (after a boundary import changed the communes); none built = nothing to do.</summary>
    public async Task<IReadOnlyList<GridBuildResult>> RefreshAsync(CancellationToken ct = default)
    {
        var sizes = await db.GridCells.Select(c => c.SizeM).Distinct().OrderBy(s => s).ToListAsync(ct);
        var results = new List<GridBuildResult>();
        foreach (var size in sizes) results.Add(await BuildAsync(size, ct));
        return results;
    }

    /// <summary>Every commune version (both sides of a merger) in the metric CRS of its province.</summary>
    public static async Task<List<GridCommune>> ReadCommunesAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var communes = new List<GridCommune>();
        var wkb = new WKBReader();
        await using var cmd = new NpgsqlCommand(CommunesSql, conn);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var srid = r.GetInt32(3);
            var g = wkb.Read(r.GetFieldValue<byte[]>(4));
            g.SRID = srid;
            communes.Add(new GridCommune(r.GetInt32(0), r.GetFieldValue<DateOnly>(1), r.IsDBNull(2) ? null : r.GetFieldValue<DateOnly>(2), srid, g));
        }
        return communes;
    }

    /// <summary>
    /// Cuts every commune into squares of <paramref name="sizeM"/> metres aligned on the CRS origin (square (i, j) covers
    /// [i·size, (i+1)·size) × [j·size, (j+1)·size)), in parallel over communes: a square the commune covers is kept whole
    /// (no overlay), a square on its border is intersected with it (polygonal part only), pieces under
    /// <see cref="MinPieceAreaM2"/> are dropped. Order: by commune, then i, then j.
    /// </summary>
    /// <param name="markBorder">True (the build's way): only squares the boundary may touch are tested against the prepared
    /// commune, every other square is classified by its centre; false: every square of the envelope is tested (the cut
    /// before 2026-11-30, kept to compare — both give the same pieces).</param>
    public static GridPiece[] Cut(IReadOnlyList<GridCommune> communes, int sizeM, bool markBorder = true)
    {
        var perCommune = new List<GridPiece>[communes.Count];
        Parallel.ForEach(Partitioner.Create(CutOrder(communes), loadBalance: true), k => perCommune[k] = CutOne(communes[k], sizeM, markBorder));
        return perCommune.SelectMany(p => p).ToArray();
    }

    // largest communes first so both cores finish together
    private static int[] CutOrder(IReadOnlyList<GridCommune> communes) =>
        Enumerable.Range(0, communes.Count).OrderByDescending(k => communes[k].Geometry.EnvelopeInternal.Area).ToArray();

    private static List<GridPiece> CutOne(GridCommune commune, int sizeM, bool markBorder = true)
    {
        var g = commune.Geometry;
        var factory = new GeometryFactory(new PrecisionModel(), commune.Srid);
        var prepared = PreparedGeometryFactory.Prepare(g);
        var env = g.EnvelopeInternal;
        double s = sizeM, full = s * s;
        int i0 = (int)Math.Floor(env.MinX / s), i1 = (int)Math.Floor(env.MaxX / s);
        int j0 = (int)Math.Floor(env.MinY / s), j1 = (int)Math.Floor(env.MaxY / s);
        // squares the boundary may touch (conservatively: within a micrometre); every other square of the envelope lies
        // wholly inside or wholly outside, which its centre tells (no prepared Covers/Intersects per square)
        var border = markBorder ? BorderSquares(g, sizeM, i0, i1, j0, j1) : null;
        var locator = new IndexedPointInAreaLocator(g);
        int rows = j1 - j0 + 1;
        var pieces = new List<GridPiece>();
        for (var i = i0; i <= i1; i++)
        {
            // a border square is cut from the commune's column strip, not the whole commune: each overlay then walks
            // only the strip's vertices (the whole boundary for every border square was most of the build's time)
            Geometry? strip = null;
            for (var j = j0; j <= j1; j++)
            {
                if (border is not null && !border[(i - i0) * rows + (j - j0)])
                {
                    if (locator.Locate(new Coordinate((i + 0.5) * s, (j + 0.5) * s)) == Location.Interior)
                        pieces.Add(new GridPiece(commune, i, j, 1.0, (i + 0.5) * s, (j + 0.5) * s, factory.ToGeometry(new Envelope(i * s, (i + 1) * s, j * s, (j + 1) * s))));
                    continue;
                }
                var square = factory.ToGeometry(new Envelope(i * s, (i + 1) * s, j * s, (j + 1) * s));
                if (prepared.Covers(square))
                {
                    pieces.Add(new GridPiece(commune, i, j, 1.0, (i + 0.5) * s, (j + 0.5) * s, square));
                    continue;
                }
                if (!prepared.Intersects(square)) continue;
                // (its polygonal part: a boundary vertex on the strip's edge adds a point or line, which the next overlay refuses)
                strip ??= factory.CreateMultiPolygon(Polygons(OverlayNGRobust.Overlay(g,
                    factory.ToGeometry(new Envelope(i * s, (i + 1) * s, env.MinY - s, env.MaxY + s)), SpatialFunction.Intersection)).ToArray());
                var polygons = Polygons(OverlayNGRobust.Overlay(strip, square, SpatialFunction.Intersection));
                if (polygons.Count == 0) continue;
                var piece = factory.CreateMultiPolygon(polygons.ToArray());
                var area = piece.Area;
                if (area < MinPieceAreaM2) continue;
                var c = piece.Centroid;
                pieces.Add(new GridPiece(commune, i, j, Math.Min(area / full, 1.0), c.X, c.Y, piece));
            }
        }
        return pieces;
    }

    // Marks (column-major, over i0..i1 × j0..j1) every square whose closed extent the boundary of g may touch: for each
    // boundary segment, per column it crosses, the rows its y-range spans there — widened by a micrometre so a boundary on
    // a square's edge or corner marks both neighbours. Over-marking is harmless (a marked square takes the exact path).
    private static bool[] BorderSquares(Geometry g, double s, int i0, int i1, int j0, int j1)
    {
        const double eps = 1e-6;
        int rows = j1 - j0 + 1;
        var border = new bool[(i1 - i0 + 1) * rows];
        void Mark(int i, int jLow, int jHigh)
        {
            if (i < i0 || i > i1) return;
            for (var j = Math.Max(jLow, j0); j <= Math.Min(jHigh, j1); j++) border[(i - i0) * rows + (j - j0)] = true;
        }
        for (var n = 0; n < g.NumGeometries; n++)
        {
            if (g.GetGeometryN(n) is not Polygon polygon) continue;
            var rings = new List<LineString> { polygon.ExteriorRing };
            rings.AddRange(polygon.InteriorRings);
            foreach (var ring in rings)
            {
                var seq = ring.CoordinateSequence;
                for (var k = 0; k + 1 < seq.Count; k++)
                {
                    double ax = seq.GetX(k), ay = seq.GetY(k), bx = seq.GetX(k + 1), by = seq.GetY(k + 1);
                    double xmin = Math.Min(ax, bx), xmax = Math.Max(ax, bx);
                    int ia = (int)Math.Floor((xmin - eps) / s), ib = (int)Math.Floor((xmax + eps) / s);
                    for (var i = ia; i <= ib; i++)
                    {
                        double lo, hi;
                        if (xmax - xmin <= 0) (lo, hi) = (Math.Min(ay, by), Math.Max(ay, by));
                        else
                        {
                            double cx0 = Math.Clamp(i * s, xmin, xmax), cx1 = Math.Clamp((i + 1) * s, xmin, xmax);
                            double y0 = ay + (cx0 - ax) / (bx - ax) * (by - ay), y1 = ay + (cx1 - ax) / (bx - ax) * (by - ay);
                            (lo, hi) = (Math.Min(y0, y1), Math.Max(y0, y1));
                        }
                        Mark(i, (int)Math.Floor((lo - eps) / s), (int)Math.Floor((hi + eps) / s));
                    }
                }
            }
        }
        return border;
    }

    private static List<Polygon> Polygons(Geometry g)
    {
        var list = new List<Polygon>();
        for (var n = 0; n < g.NumGeometries; n++)
        {
            var part = g.GetGeometryN(n);
            if (part is Polygon p && !p.IsEmpty) list.Add(p);
            else if (part is GeometryCollection) list.AddRange(Polygons(part));
        }
        return list;
    }

    private sealed record Row(GridPiece Piece, byte[] Wgs84Ewkb);

    // a piece as a WGS 84 MultiPolygon in EWKB (SRID 4326), for maps (writer and factory are the calling thread's)
    private static Row ToRow(GridPiece p, WKBWriter writer, GeometryFactory wgs)
    {
        var copy = p.Piece is Polygon poly ? wgs.CreateMultiPolygon([(Polygon)poly.Copy()]) : (MultiPolygon)p.Piece.Copy();
        copy.Apply(new ToWgs84Filter(p.Commune.Srid));
        copy.GeometryChanged();
        copy.SRID = CoordinateSystems.Wgs84;
        return new Row(p, writer.Write(copy));
    }

    private sealed class ToWgs84Filter(int srid) : ICoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var (lon, lat) = CoordinateSystems.ToWgs84Unchecked(srid, seq.GetX(i), seq.GetY(i));
            seq.SetX(i, lon);
            seq.SetY(i, lat);
        }
    }

    private static async Task ExecAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
