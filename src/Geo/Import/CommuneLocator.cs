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
/// so a file assigns exactly as before, without a spatial join per point. Safe to query from several threads.
/// </summary>
public sealed class CommuneLocator
{
    private readonly STRtree<Commune> _tree = new();

    private CommuneLocator() { }

    public int Count { get; private set; }

    /// <summary>Loads the communes of every period (only those whose province has this code, when given; only those
    /// valid on <paramref name="validOn"/>, when given).</summary>
    public static async Task<CommuneLocator> LoadAsync(NpgsqlConnection conn, string? provinceCode, CancellationToken ct, DateOnly? validOn = null)
    {
        var locator = new CommuneLocator();
        var wkb = new WKBReader();
        await using var cmd = new NpgsqlCommand("""
            SELECT u.id, u.valid_from, u.valid_to, ST_AsBinary(u.geom) FROM admin_unit u
            LEFT JOIN admin_unit p ON p.id = u.parent_id
            WHERE u.level = 'commune' AND (@province::text IS NULL OR p.code = @province)
              AND (@on::date IS NULL OR (u.valid_from <= @on AND (u.valid_to IS NULL OR u.valid_to > @on)))
            """, conn);
        cmd.Parameters.Add(new NpgsqlParameter("province", NpgsqlDbType.Text) { Value = (object?)provinceCode ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("on", NpgsqlDbType.Date) { Value = validOn is { } d ? d : DBNull.Value });
        await using var rd = await cmd.ExecuteReaderAsync(ct);
        while (await rd.ReadAsync(ct))
        {
            var geometry = wkb.Read(rd.GetFieldValue<byte[]>(3));
            var commune = new Commune(rd.GetInt32(0), rd.GetFieldValue<DateOnly>(1),
                rd.IsDBNull(2) ? null : rd.GetFieldValue<DateOnly>(2),
                new Lazy<IPointOnGeometryLocator>(() => new IndexedPointInAreaLocator(geometry), LazyThreadSafetyMode.ExecutionAndPublication));
            locator._tree.Insert(geometry.EnvelopeInternal, commune);
            locator.Count++;
        }
        locator._tree.Build(); // built once here: queries from parallel threads only read it
        return locator;
    }

    /// <summary>The id of the commune valid on <paramref name="on"/> that covers the point, or null when none does.</summary>
    public int? Locate(double lon, double lat, DateOnly on)
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

    private sealed record Commune(int Id, DateOnly ValidFrom, DateOnly? ValidTo, Lazy<IPointOnGeometryLocator> Area);
}
