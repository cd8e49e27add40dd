using DiaBan.Geo.Data;
using Npgsql;

namespace DiaBan.Geo.Import;

/// <summary>
/// At any date a point lies in at most one unit of a level: boundary versions of one level whose validity intervals
/// intersect may not overlap in space. "Overlap" is the SQL function <c>admin_unit_overlaps(a, b)</c> (migration
/// BoundaryOverlapAndRouteImport), shared by this check and the deferred constraint trigger that enforces it in the
/// database: the intersection is larger than <see cref="MinAreaM2"/> and than <see cref="MinShare"/> of the smaller
/// unit (areas on the WGS 84 spheroid). Shared edges and the slivers two sources leave along them are not overlaps.
/// </summary>
public static class BoundaryOverlap
{
    /// <summary>1 ha: the national 2025 file's own units overlap by at most this much (shared/data/vn/README.md).</summary>
    public const double MinAreaM2 = 10_000;

    /// <summary>
    /// Half of the smaller unit: one unit lies mostly inside the other. Measured on the real files: neighbours in the
    /// pre-2025 basemap overlap by up to 38 % of the smaller (two small Hà Nội wards; its polygons are simplified),
    /// old Long An's communes and the 2025 wards of the neighbouring provinces by up to 15 % (and up to 4.9 km², so no
    /// absolute area works across maps), while every old Long An commune lies more than half inside one new Tây Ninh
    /// ward. A true intrusion of less than half is let through: the price of comparing maps of different scales.
    /// </summary>
    public const double MinShare = 0.5;

    /// <summary>A new unit and a unit it overlaps (an existing one, or another of the same file).</summary>
    public sealed record Pair(int NewId, string NewCode, int OtherId, string OtherCode, bool OtherIsNew, DateOnly OtherFrom, DateOnly? OtherTo);

    /// <summary>Every overlap of the just-inserted units <paramref name="newIds"/> with units of their level valid over an intersecting period.</summary>
    public static async Task<List<Pair>> FindAsync(NpgsqlConnection conn, int[] newIds, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT n.id, n.code, o.id, o.code, o.id = ANY(@ids), o.valid_from, o.valid_to
            FROM admin_unit n
            JOIN admin_unit o ON o.level = n.level AND o.id <> n.id
                AND daterange(o.valid_from, o.valid_to) && daterange(n.valid_from, n.valid_to)
                AND o.geom && n.geom
            WHERE n.id = ANY(@ids) AND NOT (o.id = ANY(@ids) AND o.id < n.id)
              AND admin_unit_overlaps(n.geom, o.geom)
            ORDER BY n.code, o.code
            """, conn);
        cmd.Parameters.AddWithValue("ids", newIds);
        var pairs = new List<Pair>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            pairs.Add(new Pair(r.GetInt32(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.GetBoolean(4),
                r.GetFieldValue<DateOnly>(5), r.IsDBNull(6) ? null : r.GetFieldValue<DateOnly>(6)));
        return pairs;
    }

    /// <summary>Closes the existing units at <paramref name="day"/> (valid_to = day) and returns how many were closed.</summary>
    public static async Task<int> CloseAsync(NpgsqlConnection conn, int[] existingIds, DateOnly day, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("UPDATE admin_unit SET valid_to = @day WHERE id = ANY(@ids) AND valid_from < @day", conn);
        cmd.Parameters.AddWithValue("ids", existingIds);
        cmd.Parameters.AddWithValue("day", day);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The refusal: one summary error listing existing and new codes, then one error per new feature naming what it overlaps.</summary>
    public static ImportException Refusal(string file, UnitLevel level, List<Pair> pairs, IReadOnlyDictionary<string, int> rowOfCode,
        DateOnly validFrom, bool supersede, IReadOnlyCollection<Pair> notClosable)
    {
        var existing = pairs.Where(p => !p.OtherIsNew).Select(p => p.OtherCode).Distinct().Order(StringComparer.Ordinal).ToList();
        var newCodes = pairs.Select(p => p.NewCode).Concat(pairs.Where(p => p.OtherIsNew).Select(p => p.OtherCode))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var lvl = SnakeCase.Of(level);
        var hint = supersede ? "" : $"; pass --supersede to close the existing versions at {validFrom:yyyy-MM-dd}";
        var errors = new List<ImportError>
        {
            new(file, 0, "geometry",
                $"{newCodes.Count} new {lvl} unit(s) overlap {existing.Count} existing one(s) valid over the same period{hint} " +
                $"/ ranh giới chồng lấn đơn vị đang có hiệu lực. Existing: {string.Join(", ", existing)}. New: {string.Join(", ", newCodes)}"),
        };
        foreach (var p in notClosable.Where(p => !p.OtherIsNew))
            errors.Add(new(file, rowOfCode.GetValueOrDefault(p.NewCode), "geometry",
                $"{p.NewCode} overlaps {p.OtherCode}, valid from {p.OtherFrom:yyyy-MM-dd}, which does not start before --valid-from {validFrom:yyyy-MM-dd} and cannot be closed by --supersede"));
        foreach (var group in pairs.GroupBy(p => p.NewCode))
            errors.Add(new(file, rowOfCode.GetValueOrDefault(group.Key), "geometry",
                $"{group.Key} overlaps " + string.Join(", ", group.Select(p => p.OtherIsNew
                    ? $"{p.OtherCode} (same file)"
                    : $"{p.OtherCode} (valid {p.OtherFrom:yyyy-MM-dd}–{p.OtherTo?.ToString("yyyy-MM-dd") ?? ""})"))));
        return new ImportException(errors.OrderBy(e => e.Row).ToList());
    }
}
