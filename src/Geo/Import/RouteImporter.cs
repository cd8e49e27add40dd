using DiaBan.Geo.Crs;
using DiaBan.Geo.Data;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Linemerge;

namespace DiaBan.Geo.Import;

/// <summary>How to read a key route file: which attribute holds the name, the kind and the corridor width.</summary>
public sealed record RouteImportOptions
{
    public required string NameField { get; init; }
    /// <summary>Attribute holding intra|inter (or "nội tỉnh"/"liên tỉnh"); without it, or where blank, the route is <see cref="Kind"/>.</summary>
    public string? KindField { get; init; }
    public RouteKind Kind { get; init; } = RouteKind.Inter;
    /// <summary>Attribute holding the corridor half-width in metres; without it (or where blank) <see cref="BufferM"/>.</summary>
    public string? BufferField { get; init; }
    public double BufferM { get; init; } = 500;
    public int? Epsg { get; init; }
}

/// <summary>
/// Imports declared key drug routes (tuyến trọng điểm) from GeoJSON or Shapefile lines into key_route, read and
/// reprojected like boundaries (FeatureFileReader, CoordinateSystems). A MultiLineString is merged into one line where
/// its parts join end to end; parts that do not join become one row each under the same name. One transaction.
/// </summary>
public sealed class RouteImporter(DiaBanDb db, Action<string>? progress = null)
{
    public const double MaxBufferM = 50_000;
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), CoordinateSystems.Wgs84);

    public Task<ImportResult> ImportAsync(string path, RouteImportOptions o, CancellationToken ct = default) =>
        FailedImportAudit.RunAsync(db, "key_route", path, () => ImportCoreAsync(path, o, ct));

    private async Task<ImportResult> ImportCoreAsync(string path, RouteImportOptions o, CancellationToken ct)
    {
        var file = FeatureFileReader.Read(path);
        var epsg = o.Epsg ?? file.Epsg
            ?? throw new ImportException(file.Name, 0, "crs", file.CrsNote ?? "unknown CRS; pass --crs EPSG:xxxx");
        if (o.BufferM is <= 0 or > MaxBufferM)
            throw new ImportException(file.Name, 0, "buffer", $"--buffer-m {o.BufferM} must be above 0 and at most {MaxBufferM}");
        var errors = new ImportErrors(file.Name);
        var known = (await db.KeyRoutes.AsNoTracking().Select(r => r.Name).ToListAsync(ct)).ToHashSet();
        var seen = new Dictionary<string, int>();
        var routes = new List<KeyRoute>();
        foreach (var f in file.Features)
        {
            var name = f.GetString(o.NameField);
            if (name is null) errors.Add(f.Row, o.NameField, "empty route name / thiếu tên tuyến");
            else if (name.Length > 200) errors.Add(f.Row, o.NameField, "route name longer than 200 characters");
            else if (known.Contains(name)) errors.Add(f.Row, o.NameField, $"a route named '{name}' is already stored / tuyến đã có");
            else if (!seen.TryAdd(name, f.Row)) errors.Add(f.Row, o.NameField, $"route '{name}' repeats row {seen[name]}");

            var kind = o.Kind;
            if (o.KindField is not null && f.GetString(o.KindField) is { } text)
            {
                if (ParseKind(text) is { } k) kind = k;
                else errors.Add(f.Row, o.KindField, $"'{text}' is not intra|inter (nội tỉnh|liên tỉnh)");
            }

            var buffer = o.BufferM;
            if (o.BufferField is not null && f.GetString(o.BufferField) is not null)
            {
                var b = f.GetDouble(o.BufferField);
                if (b is null or <= 0 or > MaxBufferM) errors.Add(f.Row, o.BufferField, $"'{f.GetString(o.BufferField)}' is not a corridor width in metres (0–{MaxBufferM})");
                else buffer = b.Value;
            }

            var lines = Lines(f.Geometry, epsg, out var geometryError);
            if (geometryError is not null) errors.Add(f.Row, "geometry", geometryError);
            if (name is null || lines is null) continue;
            routes.AddRange(lines.Select(l => new KeyRoute { Name = name, Kind = kind, BufferM = buffer, Geom = l }));
        }
        if (file.Features.Count == 0) errors.Add(1, "features", "the file has no features / tệp không có đối tượng");
        errors.ThrowIfAny();

        var batch = ImportBatch.NewId("routes");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        using (db.BulkWrite("import", "key_route"))
        {
            foreach (var r in routes) r.ImportBatch = batch;
            db.KeyRoutes.AddRange(routes);
            await db.SaveChangesAsync(ct);
            db.AuditEntries.Add(AuditRows.Import(db.Actor, "key_route", new
            {
                file = file.Name, batch, crs = $"EPSG:{epsg}", routes = seen.Count, inserted = routes.Count,
                names = seen.Keys.Order(StringComparer.Ordinal).ToArray(),
            }));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        progress?.Invoke($"{file.Name}: {seen.Count} routes, {routes.Count} lines");
        var notes = routes.Count > seen.Count ? new List<string> { $"{routes.Count - seen.Count} route part(s) that do not join stored as separate lines" } : null;
        return new ImportResult(batch, file.Name, routes.Count, Notes: notes);
    }

    private static RouteKind? ParseKind(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "intra" or "nội tỉnh" or "noi tinh" or "noi_tinh" => RouteKind.Intra,
        "inter" or "liên tỉnh" or "lien tinh" or "lien_tinh" => RouteKind.Inter,
        _ => null,
    };

    // WGS 84 LineStrings of a (Multi)LineString, parts merged end to end; null with a reason for anything else
    private static List<LineString>? Lines(Geometry? source, int epsg, out string? error)
    {
        error = null;
        if (source is null || source.IsEmpty)
        {
            error = "missing or empty geometry / thiếu hình học";
            return null;
        }
        if (source is not (LineString or MultiLineString))
        {
            error = $"{source.GeometryType} is not a route (expected LineString or MultiLineString)";
            return null;
        }
        Geometry g;
        try
        {
            g = CoordinateSystems.ToWgs84(source, epsg);
        }
        catch (CoordinateException e)
        {
            error = e.Message;
            return null;
        }
        var merger = new LineMerger();
        merger.Add(g);
        var lines = merger.GetMergedLineStrings().Cast<LineString>()
            .Select(l => Wgs84.CreateLineString(l.Coordinates))
            .ToList();
        if (lines.Count == 0 || lines.Any(l => l.Length == 0))
        {
            error = "a line has fewer than two distinct points / tuyến phải có ít nhất hai điểm khác nhau";
            return null;
        }
        return lines;
    }
}
