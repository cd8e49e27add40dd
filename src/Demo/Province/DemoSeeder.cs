using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Planning;
using DiaBan.Geo.Data;
using DiaBan.Geo.Import;
using DiaBan.Geo.Services;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace DiaBan.Demo.Province;

/// <summary>
/// Writes a generated <see cref="DemoProvince"/> into the database in one transaction (province, communes of both
/// eras, lineage, routes, incidents, businesses, indicators), then classifies every year 2019–2026. Idempotent: with
/// data present it writes nothing unless forced, which wipes the domain tables first (audit and rule sets stay).
/// </summary>
public sealed class DemoSeeder(DiaBanDb db, Action<string>? progress = null)
{
    public const int FirstYear = 2019;
    public const int LastYear = 2026;

    public async Task<DemoSeedResult> SeedAsync(DemoProvince demo, bool force = false, CancellationToken ct = default)
    {
        if (!force && await HasDataAsync(ct)) return DemoSeedResult.Skipped;
        int units, incidents, indicators;
        Dictionary<string, int> pre, post;
        using (db.BulkWrite("seed", "demo"))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (force) await WipeAsync(ct);
            (pre, post) = await WriteUnitsAsync(demo, ct);
            units = pre.Count + post.Count + 1;
            await WriteLineageAsync(demo, pre, post, ct);
            db.KeyRoutes.AddRange(demo.Routes.Select(r => new KeyRoute
            {
                Name = r.Name,
                Kind = r.Scope == RouteScope.InterProvincial ? RouteKind.Inter : RouteKind.Intra,
                Geom = r.Line,
                BufferM = r.BufferMetres,
            }));
            db.ConditionalBusinesses.AddRange(demo.Businesses.Select(b => new ConditionalBusiness
            {
                ExternalId = b.Id,
                Kind = b.Kind,
                Name = b.Name,
                OpenedOn = b.Opened,
                Geom = Point(b.Lon, b.Lat),
                UnitId = post[b.PostMergerUnitCode],
                ImportBatch = "demo",
            }));
            indicators = WriteIndicators(demo, pre, post);
            // the targets of DOMAIN.md §3 registered for the demo province, so /targets has something to track
            var targets = PlanTargetCatalog.Domain(TargetScope.Province(demo.ProvinceCode), FirstYear, LastYear);
            db.PlanTargets.AddRange(targets.Select(t => PlanTargetRecord.From(t, db.Actor, DateTimeOffset.UtcNow)));
            await db.SaveChangesAsync(ct);
            incidents = await CopyIncidentsAsync(demo, pre, post, ct);
            // the generator says only "on a route": take the scope from the stored corridors (inter wins)
            await db.Database.ExecuteSqlRawAsync("""
                UPDATE unit_indicator ui SET on_key_route = 'inter'
                WHERE ui.import_batch = 'demo' AND ui.on_key_route = 'intra' AND EXISTS (
                    SELECT 1 FROM admin_unit u JOIN key_route r ON r.kind = 'inter'
                     AND ST_DWithin(u.geom::geography, r.geom::geography, r.buffer_m)
                    WHERE u.id = ui.unit_id)
                """, ct);
            db.AuditEntries.Add(AuditRows.Bulk(db.Actor, "seed", "demo_province", new
            {
                province = demo.ProvinceCode, name = demo.ProvinceName, seed = demo.Seed, force, units, incidents, indicators,
                businesses = demo.Businesses.Count, routes = demo.Routes.Count, targets = targets.Count, notes = demo.Notes,
            }));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        progress?.Invoke($"seeded {units} units, {incidents:N0} incidents; classifying {FirstYear}–{LastYear}…");
        var years = new List<YearClassification>();
        var classifier = new YearClassifier(db);
        for (var year = FirstYear; year <= LastYear; year++) years.Add(await classifier.ClassifyAsync(year, ct: ct));
        await DemoRecognitions.SeedAsync(db, ct); // a few recognition cases at different steps (needs the assessments)
        // spots and tips after the classification: the demo's statuses rest on its reported figures as before (a unit with
        // reported harbouring places keeps them either way; this keeps the calibrated statuses of units that reported none)
        using (var records = db.BulkWrite("seed_records", "demo_records"))
        {
            var (spotCount, tipCount) = DemoRecords.Add(db, demo, pre, post);
            records.Summarise(new { spots = spotCount, tips = tipCount });
            await db.SaveChangesAsync(ct);
        }
        return new DemoSeedResult(false, units, incidents, indicators, demo.Businesses.Count, demo.Routes.Count, years);
    }

    /// <summary>True when the database already holds boundaries (seeding would then be skipped unless forced).</summary>
    public Task<bool> HasDataAsync(CancellationToken ct = default) => db.AdminUnits.AnyAsync(ct);

    private async Task WipeAsync(CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync("""
            TRUNCATE status_assessment, unit_indicator, plan_target, incident, conditional_business, key_route, unit_lineage, admin_unit, risk_model
            RESTART IDENTITY CASCADE
            """, ct);
        db.ChangeTracker.Clear();
        db.AuditEntries.Add(AuditRows.Bulk(db.Actor, "wipe", "all", new { reason = "demo seed --force" }));
    }

    // real codes are reused across the merger (old Phường 2 and new Phường An Xuyên are both 32002): one map per era
    private async Task<(Dictionary<string, int> Pre, Dictionary<string, int> Post)> WriteUnitsAsync(DemoProvince demo, CancellationToken ct)
    {
        var province = new AdminUnit
        {
            Code = demo.ProvinceCode, Name = demo.ProvinceName, Level = UnitLevel.Province,
            Kind = UnitKinds.FromName(UnitLevel.Province, demo.ProvinceName),
            ValidFrom = DemoCalendar.PreMergerValidFrom, Geom = demo.ProvinceBoundary,
        };
        db.AdminUnits.Add(province);
        var pre = demo.PreMergerUnits.Select(u => Unit(u, province)).ToList();
        var post = demo.PostMergerUnits.Select(u => Unit(u, province)).ToList();
        db.AdminUnits.AddRange(pre);
        db.AdminUnits.AddRange(post);
        await db.SaveChangesAsync(ct);
        await db.Database.ExecuteSqlRawAsync(
            "UPDATE admin_unit SET geom = ST_Multi(ST_CollectionExtract(ST_MakeValid(geom), 3)) WHERE NOT ST_IsValid(geom)", ct);
        await db.Database.ExecuteSqlRawAsync("UPDATE admin_unit SET area_km2 = ST_Area(geom::geography) / 1e6 WHERE area_km2 IS NULL", ct);
        return (pre.ToDictionary(u => u.Code, u => u.Id), post.ToDictionary(u => u.Code, u => u.Id));
    }

    private static AdminUnit Unit(DemoUnit u, AdminUnit province) => new()
    {
        Code = u.Code, Name = u.Name, Level = UnitLevel.Commune,
        Kind = SnakeCase.TryParse<UnitKind>(u.Kind.Code(), out var k) ? k : UnitKind.Xa,
        Parent = province, ValidFrom = u.ValidFrom, ValidTo = u.ValidTo, Population = u.Population, Geom = u.Geometry,
    };

    private async Task WriteLineageAsync(DemoProvince demo, Dictionary<string, int> pre, Dictionary<string, int> post, CancellationToken ct)
    {
        db.UnitLineages.AddRange(demo.Lineage.Select(l => new UnitLineage
        {
            OldUnitId = pre[l.OldCode], NewUnitId = post[l.NewCode],
            MergeType = l.Kind == LineageKind.Full ? MergeType.Full : MergeType.Partial,
            AreaShare = l.AreaShare, PopulationShare = l.PopulationShare,
        }));
        await db.SaveChangesAsync(ct);
    }

    private int WriteIndicators(DemoProvince demo, Dictionary<string, int> pre, Dictionary<string, int> post)
    {
        // the generator sums these from its incidents; the rest (population, managed users) it simulates
        var derived = new List<string>
        {
            "harbouring_places_detected_in_period", "offenders_arrested", "plants_destroyed_count", "plants_destroyed_m2", "hotspots",
        };
        foreach (var i in demo.Indicators)
        {
            db.UnitIndicators.Add(new UnitIndicator
            {
                UnitId = i.PreMergerUnit ? pre[i.UnitCode] : post[i.UnitCode],
                Year = i.Year,
                PopulationResident = i.PopulationResident,
                UsersAddictsManaged = DemoReporting.UsersMissing(i) ? null : i.UsersAddictsManaged,
                HarbouringPlacesDetectedInPeriod = i.HarbouringPlaces,
                OffendersArrested = i.OffendersArrested,
                PlantsDestroyedCount = i.PlantsDestroyedCount,
                PlantsDestroyedM2 = i.PlantsDestroyedM2,
                // refined to inter after the routes are stored (see SeedAsync)
                OnKeyRoute = i.OnKeyRoute ? KeyRouteMembership.Intra : KeyRouteMembership.None,
                Hotspots = i.Hotspots,
                DerivedFields = [.. derived],
                ImportBatch = "demo",
                ReceivedAt = new DateTimeOffset(DemoReporting.ReceivedOn(i).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero),
            });
        }
        return demo.Indicators.Count;
    }

    private async Task<int> CopyIncidentsAsync(DemoProvince demo, Dictionary<string, int> pre, Dictionary<string, int> post, CancellationToken ct)
    {
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var create = new NpgsqlCommand("""
            CREATE TEMP TABLE demo_incident (external_id text, occurred_on date, kind text, persons int, plants int,
                area_m2 float8, source text, lon float8, lat float8, unit_id int) ON COMMIT DROP
            """, conn))
            await create.ExecuteNonQueryAsync(ct);
        var tick = new ImportProgress(progress, "demo incidents");
        await using (var w = await conn.BeginBinaryImportAsync(
            "COPY demo_incident (external_id, occurred_on, kind, persons, plants, area_m2, source, lon, lat, unit_id) FROM STDIN (FORMAT BINARY)", ct))
        {
            var n = 0;
            foreach (var i in demo.Incidents)
            {
                var unit = i.Date < DemoCalendar.MergerDate ? pre[i.PreMergerUnitCode] : post[i.PostMergerUnitCode];
                await w.StartRowAsync(ct);
                await w.WriteAsync($"DEMO-{i.Id:D6}", NpgsqlDbType.Text, ct);
                await w.WriteAsync(i.Date, NpgsqlDbType.Date, ct);
                await w.WriteAsync(i.Kind.Code(), NpgsqlDbType.Text, ct);
                await w.WriteAsync(i.Persons, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(i.Plants, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(i.AreaM2, NpgsqlDbType.Double, ct);
                await w.WriteAsync(SnakeCase.Of(i.Source), NpgsqlDbType.Text, ct);
                await w.WriteAsync(i.Lon, NpgsqlDbType.Double, ct);
                await w.WriteAsync(i.Lat, NpgsqlDbType.Double, ct);
                await w.WriteAsync(unit, NpgsqlDbType.Integer, ct);
                tick.Tick(++n);
            }
            await w.CompleteAsync(ct);
        }
        await using var insert = new NpgsqlCommand("""
            INSERT INTO incident (external_id, occurred_on, kind, persons, plants, area_m2, source, geom, unit_id, import_batch)
            SELECT external_id, occurred_on, kind, persons, nullif(plants, 0), nullif(area_m2, 0), source,
                   ST_SetSRID(ST_MakePoint(lon, lat), 4326), unit_id, 'demo'
            FROM demo_incident
            """, conn);
        return await insert.ExecuteNonQueryAsync(ct);
    }

    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    private static Point Point(double lon, double lat) => Wgs84.CreatePoint(new Coordinate(lon, lat));
}
