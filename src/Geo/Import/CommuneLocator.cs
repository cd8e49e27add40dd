using System.Security.Cryptography;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.IO;
using Npgsql;
using NpgsqlTypes;

namespace DiaBan.Geo.Import;

/// <summary>
/// Which commune covers a point on a date, answered in memory: every commune version in an STRtree of envelopes, each
/// polygon behind an indexed point-in-area locator built on first use. The rule is the one the database used
/// (<c>ST_Covers</c>: a point on the boundary is covered; of several covering communes valid that day the lowest id wins),
/// so a file assigns exactly as before, without a spatial join per point. <see cref="Locate"/> first asks a grid of the
/// communes (<see cref="CommuneGrid"/>, built on first use): a point in a cell wholly inside one commune needs no polygon
/// test; a point in a border cell tests only the communes of that cell, in id order. Safe to query from several threads.
/// The grid of a set of communes can be stored in <c>commune_grid</c> (<see cref="LoadAsync"/> with <c>storedGrid</c>),
/// keyed by a SHA-256 of the communes' ids and boundaries as read and of <see cref="CommuneGrid.Format"/>: an import
/// reads it back instead of rasterising every commune again, and any change to a boundary, an id or the set of
/// communes gives another key, so a stale grid is never used (a boundary import stores the new one,
/// <see cref="StoreGridAsync"/>).
/// </summary>
public sealed class CommuneLocator
{
    private readonly STRtree<Commune> _tree = new();
    private readonly List<Commune> _all = []; // in id order: the grid's commune index
    private Lazy<CommuneGrid> _grid;

    private CommuneLocator() =>
        _grid = new Lazy<CommuneGrid>(() => CommuneGrid.Build(_all.Select(c => c.Geometry).ToList()), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Builds the grid now (else the first <see cref="Locate"/> does); returns its size for a profile.</summary>
    public (int SplitCells, int Lists) BuildGrid() => (_grid.Value.Blocks, _grid.Value.Lists);

    public int Count { get; private set; }

    /// <summary>Where the grid came from, after a load with <c>storedGrid</c>: read back, or built (and stored).</summary>
    public string? GridSource { get; private set; }

    /// <summary>Loads the communes of every period (only those whose province has this code, when given; only those
    /// valid on <paramref name="validOn"/>, when given). With <paramref name="storedGrid"/> the grid is read from
    /// <c>commune_grid</c> when this very set of communes has one there, else built now and stored (in the caller's
    /// transaction, if any).</summary>
    public static async Task<CommuneLocator> LoadAsync(NpgsqlConnection conn, string? provinceCode, CancellationToken ct, DateOnly? validOn = null,
        bool storedGrid = false)
    {
        var locator = new CommuneLocator();
        var wkb = new WKBReader();
        using var key = storedGrid ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        key?.AppendData(BitConverter.GetBytes(CommuneGrid.Format));
        await using var cmd = new NpgsqlCommand("""
            SELECT u.id, u.valid_from, u.valid_to, ST_AsBinary(u.geom) FROM admin_unit u
            LEFT JOIN admin_unit p ON p.id = u.parent_id
            WHERE u.level = 'commune' AND (@province::text IS NULL OR p.code = @province)
              AND (@on::date IS NULL OR (u.valid_from <= @on AND (u.valid_to IS NULL OR u.valid_to > @on)))
            ORDER BY u.id
            """, conn);
        cmd.Parameters.Add(new NpgsqlParameter("province", NpgsqlDbType.Text) { Value = (object?)provinceCode ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("on", NpgsqlDbType.Date) { Value = validOn is { } d ? d : DBNull.Value });
        await using var rd = await cmd.ExecuteReaderAsync(ct);
        while (await rd.ReadAsync(ct))
        {
            var (id, area) = (rd.GetInt32(0), rd.GetFieldValue<byte[]>(3));
            locator.Add(id, rd.GetFieldValue<DateOnly>(1), rd.IsDBNull(2) ? null : rd.GetFieldValue<DateOnly>(2), wkb.Read(area));
            if (key is null) continue;
            // the grid depends on the boundaries and their order (the commune index), not on the validity dates
            key.AppendData(BitConverter.GetBytes(id));
            key.AppendData(BitConverter.GetBytes(area.Length));
            key.AppendData(area);
        }
        await rd.DisposeAsync();
        locator._tree.Build(); // built once here: queries from parallel threads only read it
        if (key is not null) await locator.UseStoredGridAsync(conn, key.GetHashAndReset(), ct);
        return locator;
    }

    /// <summary>Stores the grid of every commune (what an incident import without a province loads), unless
    /// <c>commune_grid</c> already holds it: a boundary import calls this so the next incident import reads it.</summary>
    public static async Task<string> StoreGridAsync(NpgsqlConnection conn, CancellationToken ct) =>
        (await LoadAsync(conn, null, ct, storedGrid: true)).GridSource!;

    /// <summary>How many stored grids are kept (the most recent): the national one and a few province sets.</summary>
    private const int StoredGrids = 4;

    private async Task UseStoredGridAsync(NpgsqlConnection conn, byte[] key, CancellationToken ct)
    {
        await using (var read = new NpgsqlCommand("SELECT grid FROM commune_grid WHERE fingerprint = @key AND communes = @n", conn))
        {
            read.Parameters.AddWithValue("key", key);
            read.Parameters.AddWithValue("n", Count);
            if (await read.ExecuteScalarAsync(ct) is byte[] bytes && CommuneGrid.FromBytes(bytes) is { } stored)
            {
                _grid = new Lazy<CommuneGrid>(stored);
                GridSource = "read back";
                return;
            }
        }
        var grid = _grid.Value;
        await using var write = new NpgsqlCommand($"""
            INSERT INTO commune_grid (fingerprint, communes, grid, built_at) VALUES (@key, @n, @grid, now())
            ON CONFLICT (fingerprint) DO UPDATE SET grid = excluded.grid, communes = excluded.communes, built_at = excluded.built_at;
            DELETE FROM commune_grid WHERE fingerprint NOT IN (SELECT fingerprint FROM commune_grid ORDER BY built_at DESC, fingerprint LIMIT {StoredGrids});
            """, conn);
        write.Parameters.AddWithValue("key", key);
        write.Parameters.AddWithValue("n", Count);
        write.Parameters.AddWithValue("grid", grid.ToBytes());
        await write.ExecuteNonQueryAsync(ct);
        GridSource = "built and stored";
    }

    /// <summary>A locator over communes given in memory (id, validity, area), in any order; ids are distinct.</summary>
    public static CommuneLocator Of(IEnumerable<(int Id, DateOnly ValidFrom, DateOnly? ValidTo, Geometry Area)> communes)
    {
        var locator = new CommuneLocator();
        foreach (var (id, from, to, area) in communes.OrderBy(c => c.Id)) locator.Add(id, from, to, area);
        locator._tree.Build();
        return locator;
    }

    private void Add(int id, DateOnly validFrom, DateOnly? validTo, Geometry geometry)
    {
        var commune = new Commune(id, validFrom, validTo, geometry,
            new Lazy<IPointOnGeometryLocator>(() => new IndexedPointInAreaLocator(geometry), LazyThreadSafetyMode.ExecutionAndPublication));
        _tree.Insert(geometry.EnvelopeInternal, commune);
        _all.Add(commune);
        Count++;
    }

    /// <summary>The id of the commune valid on <paramref name="on"/> that covers the point, or null when none does.</summary>
    public int? Locate(double lon, double lat, DateOnly on)
    {
        var grid = _grid.Value;
        var code = grid.Cell(lon, lat);
        if (code >= 0) return _all[code].ValidOn(on) ? _all[code].Id : null;
        if (code == CommuneGrid.Empty) return null;
        foreach (var candidate in grid.Candidates(code))
        {
            var c = _all[candidate >> 1];
            if (!c.ValidOn(on)) continue;
            // candidates come in id order: the first valid one that covers the point is the lowest id
            if ((candidate & 1) == 1 || c.Covers(new Coordinate(lon, lat))) return c.Id;
        }
        return null;
    }

    /// <summary>The same answer by the STRtree alone, without the grid (the rule <see cref="Locate"/> must keep; tests compare them).</summary>
    public int? LocateByTree(double lon, double lat, DateOnly on)
    {
        var at = new Coordinate(lon, lat);
        int? best = null;
        foreach (var c in _tree.Query(new Envelope(at)))
        {
            if (c.ValidFrom > on || (c.ValidTo is { } to && on >= to) || (best is { } b && c.Id >= b)) continue;
            if (c.Area.Value.Locate(at) != Location.Exterior) best = c.Id;
        }
        return best;
    }

    /// <summary>Every commune valid on <paramref name="on"/> that covers the point (several on a shared border), in no order.</summary>
    public IEnumerable<int> LocateAll(double lon, double lat, DateOnly on)
    {
        var at = new Coordinate(lon, lat);
        foreach (var c in _tree.Query(new Envelope(at)))
            if (c.ValidFrom <= on && (c.ValidTo is not { } to || on < to) && c.Area.Value.Locate(at) != Location.Exterior)
                yield return c.Id;
    }

    /// <summary>The communes valid on <paramref name="on"/> other than <paramref name="known"/> (one known to cover the
    /// point) that cover it too: a shared border, or an overlap of two real boundaries. Only communes whose envelope
    /// holds the point are tested, so a point with no other commune around costs no polygon test.</summary>
    public int[] OthersCovering(double lon, double lat, DateOnly on, int known)
    {
        var at = new Coordinate(lon, lat);
        List<int>? others = null;
        foreach (var c in _tree.Query(new Envelope(at)))
            if (c.Id != known && c.ValidFrom <= on && (c.ValidTo is not { } to || on < to) && c.Area.Value.Locate(at) != Location.Exterior)
                (others ??= []).Add(c.Id);
        return others is null ? [] : [.. others];
    }

    /// <summary>
    /// The same rule for one point, asked of the database (a web entry): the commune valid on <paramref name="on"/> whose
    /// boundary covers the point (<c>ST_Covers</c>), the lowest id on a shared border; null when none does.
    /// </summary>
    public static async Task<int?> LocateOneAsync(NpgsqlConnection conn, double lon, double lat, DateOnly on, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT id FROM admin_unit
            WHERE level = 'commune' AND valid_from <= @on AND (valid_to IS NULL OR valid_to > @on)
              AND ST_Covers(geom, ST_SetSRID(ST_MakePoint(@lon, @lat), 4326))
            ORDER BY id LIMIT 1
            """, conn);
        cmd.Parameters.AddWithValue("on", on);
        cmd.Parameters.AddWithValue("lon", lon);
        cmd.Parameters.AddWithValue("lat", lat);
        return await cmd.ExecuteScalarAsync(ct) is int id ? id : null;
    }

    private sealed record Commune(int Id, DateOnly ValidFrom, DateOnly? ValidTo, Geometry Geometry, Lazy<IPointOnGeometryLocator> Area)
    {
        /// <summary>Below this many vertices a point is tested against every edge instead of building the segment index.</summary>
        private const int SmallArea = 400;

        private readonly bool _small = Geometry.NumPoints <= SmallArea;

        public bool ValidOn(DateOnly on) => ValidFrom <= on && (ValidTo is not { } to || on < to);

        /// <summary>
        /// Whether the area covers the point (not exterior). A small area counts the crossings of every edge of every
        /// ring, as <see cref="IndexedPointInAreaLocator"/> does over the edges its index returns (the same answer,
        /// without building the index on first use); a large one asks the indexed locator.
        /// </summary>
        public bool Covers(Coordinate at)
        {
            if (!_small) return Area.Value.Locate(at) != Location.Exterior;
            var counter = new RayCrossingCounter(at);
            for (var g = 0; g < Geometry.NumGeometries; g++)
            {
                if (Geometry.GetGeometryN(g) is not Polygon polygon) continue;
                for (var r = -1; r < polygon.NumInteriorRings; r++)
                {
                    var ring = (r < 0 ? polygon.ExteriorRing : polygon.GetInteriorRingN(r)).CoordinateSequence;
                    for (var i = 1; i < ring.Count; i++)
                    {
                        counter.CountSegment(ring.GetCoordinate(i - 1), ring.GetCoordinate(i));
                        if (counter.IsOnSegment) return true;
                    }
                }
            }
            return counter.Location != Location.Exterior;
        }
    }
}
