using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Planning;
using DiaBan.Geo.Data;
using DiaBan.Geo.Import;
using DiaBan.Demo.National;
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
        Written written;
        using (db.BulkWrite("seed", "demo"))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (force) await WipeAsync(ct);
            written = await WriteProvinceAsync(demo, national: false, ct);
            await RefineRoutesAsync(ct);
            db.AuditEntries.Add(AuditRows.Bulk(db.Actor, "seed", "demo_province", new
            {
                province = demo.ProvinceCode, name = demo.ProvinceName, seed = demo.Seed, force, units = written.Units,
                incidents = written.Incidents, indicators = written.Indicators,
                businesses = demo.Businesses.Count, routes = demo.Routes.Count, targets = written.Targets, notes = demo.Notes,
            }));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        progress?.Invoke($"seeded {written.Units} units, {written.Incidents:N0} incidents; classifying {FirstYear}–{LastYear}…");
        var years = await ClassifyYearsAsync(ct);
        await DemoRecognitions.SeedAsync(db, ct); // a few recognition cases at different steps (needs the assessments)
        // spots and tips after the classification: the demo's statuses rest on its reported figures as before (a unit with
        // reported harbouring places keeps them either way; this keeps the calibrated statuses of units that reported none)
        using (var records = db.BulkWrite("seed_records", "demo_records"))
        {
            var (spotCount, tipCount) = DemoRecords.Add(db, demo, written.Pre!, written.Post!);
            records.Summarise(new { spots = spotCount, tips = tipCount });
            await db.SaveChangesAsync(ct);
        }
        return new DemoSeedResult(false, written.Units, written.Incidents, written.Indicators, written.Businesses, written.Routes, years);
    }

    /// <summary>
    /// The national demo: the same simulation laid over each post-2025 province of <paramref name="national"/> in turn
    /// (its own seed: <c>options.Seed + province index</c>), all in one transaction; the next province is simulated while
    /// the previous one is written. The incident table's indexes are rebuilt once at the end (<see cref="IncidentIndexes"/>),
    /// then every year is classified.
    /// </summary>
    public async Task<DemoSeedResult> SeedNationalAsync(NationalDemoInput national, DemoProvinceOptions options, bool force = false,
        CancellationToken ct = default)
    {
        if (!force && await HasDataAsync(ct)) return DemoSeedResult.Skipped;
        var total = new Written(0, 0, 0, 0, 0, 0);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var provinces = national.Provinces;
        using (db.BulkWrite("seed", "demo"))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (force) await WipeAsync(ct);
            var conn = (NpgsqlConnection)db.Database.GetDbConnection();
            var deferred = await IncidentIndexes.DropIfWorthAsync(conn, IndexMaintenance.Rebuild, 0, ct);
            DemoProvince Simulate(int i) => DemoProvinceGenerator.Generate(provinces[i], options with { Seed = options.Seed + i });
            var next = Task.Run(() => Simulate(0), ct);
            for (var i = 0; i < provinces.Count; i++)
            {
                var demo = await next;
                if (i + 1 < provinces.Count) { var k = i + 1; next = Task.Run(() => Simulate(k), ct); }
                var w = await WriteProvinceAsync(demo, national: true, ct);
                await WriteDistrictsAsync(provinces[i], ct);
                db.ChangeTracker.Clear();
                total = total.Plus(w);
                progress?.Invoke($"{i + 1}/{provinces.Count} {demo.ProvinceName}: {w.Units - 1:N0} communes, {w.Incidents:N0} incidents " +
                                 $"(total {total.Incidents:N0}, {clock.Elapsed.TotalSeconds:0} s)");
            }
            if (deferred is not null)
            {
                progress?.Invoke($"rebuilding the incident indexes ({total.Incidents:N0} rows)…");
                await deferred.RebuildAsync(conn, ct);
            }
            progress?.Invoke("key routes: inter-provincial corridors…");
            await RefineRoutesAsync(ct);
            db.AuditEntries.Add(AuditRows.Bulk(db.Actor, "seed", "demo_national", new
            {
                provinces = provinces.Count, seed = options.Seed, scale = options.IncidentScale, force, units = total.Units,
                incidents = total.Incidents, indicators = total.Indicators, businesses = total.Businesses, routes = total.Routes,
                targets = total.Targets, crosswalk_matched = national.CrosswalkMatched, pre_merger_units = national.PreMergerUnits,
            }));
            await db.SaveChangesAsync(ct);
            progress?.Invoke($"committing (boundary overlap checks run now)… {clock.Elapsed.TotalSeconds:0} s");
            await tx.CommitAsync(ct);
        }
        progress?.Invoke($"seeded {total.Units:N0} units, {total.Incidents:N0} incidents in {clock.Elapsed.TotalSeconds:0} s; classifying {FirstYear}–{LastYear}…");
        var years = await ClassifyYearsAsync(ct);
        await DemoRecognitions.SeedAsync(db, ct);
        return new DemoSeedResult(false, total.Units, total.Incidents, total.Indicators, total.Businesses, total.Routes, years);
    }

    private async Task<List<YearClassification>> ClassifyYearsAsync(CancellationToken ct)
    {
        var years = new List<YearClassification>();
        var classifier = new YearClassifier(db);
        for (var year = FirstYear; year <= LastYear; year++)
        {
            years.Add(await classifier.ClassifyAsync(year, ct: ct));
            progress?.Invoke($"classified {years[^1]}");
        }
        return years;
    }

    private sealed record Written(int Units, int Incidents, int Indicators, int Businesses, int Routes, int Targets)
    {
        /// <summary>Unit ids by code of each era (the province demo's spots and tips are placed with them).</summary>
        public Dictionary<string, int>? Pre { get; init; }
        public Dictionary<string, int>? Post { get; init; }

        public Written Plus(Written o) => new(Units + o.Units, Incidents + o.Incidents, Indicators + o.Indicators,
            Businesses + o.Businesses, Routes + o.Routes, Targets + o.Targets);
    }

    /// <summary>One province: its units of both eras, lineage, routes, businesses, figures, targets and incidents. In the
    /// national demo the external ids of incidents and businesses carry the province code (each province's simulation
    /// numbers them from 1).</summary>
    private async Task<Written> WriteProvinceAsync(DemoProvince demo, bool national, CancellationToken ct)
    {
        string Id(string id) => national ? $"{demo.ProvinceCode}-{id}" : id;
        var (pre, post) = await WriteUnitsAsync(demo, ct);
        var units = pre.Count + post.Count + 1;
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
            ExternalId = Id(b.Id),
            Kind = b.Kind,
            Name = b.Name,
            OpenedOn = b.Opened,
            Geom = Point(b.Lon, b.Lat),
            UnitId = post[b.PostMergerUnitCode],
            ImportBatch = "demo",
        }));
        var indicators = WriteIndicators(demo, pre, post);
        // the targets of DOMAIN.md §3 registered for the demo province, so /targets has something to track
        var targets = PlanTargetCatalog.Domain(TargetScope.Province(demo.ProvinceCode), FirstYear, LastYear);
        db.PlanTargets.AddRange(targets.Select(t => PlanTargetRecord.From(t, db.Actor, DateTimeOffset.UtcNow)));
        await db.SaveChangesAsync(ct);
        var incidents = await CopyIncidentsAsync(demo, pre, post, Id, ct);
        return new Written(units, incidents, indicators, demo.Businesses.Count, demo.Routes.Count, targets.Count) { Pre = pre, Post = post };
    }

    // the generator says only "on a route": take the scope from the stored corridors (inter wins); the bounding-box test
    // (a degree is at least 100 km in Vietnam) only spares the geodesic distance to corridors that are far away
    private Task RefineRoutesAsync(CancellationToken ct) => db.Database.ExecuteSqlRawAsync("""
        UPDATE unit_indicator ui SET on_key_route = 'inter'
        WHERE ui.import_batch = 'demo' AND ui.on_key_route = 'intra' AND EXISTS (
            SELECT 1 FROM admin_unit u JOIN key_route r ON r.kind = 'inter'
             AND u.geom && ST_Expand(r.geom, r.buffer_m / 90000.0)
             AND ST_DWithin(u.geom::geography, r.geom::geography, r.buffer_m)
            WHERE u.id = ui.unit_id)
        """, ct);

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
            "UPDATE admin_unit SET geom = ST_Multi(ST_CollectionExtract(ST_MakeValid(geom), 3)) WHERE area_km2 IS NULL AND NOT ST_IsValid(geom)", ct);
        await db.Database.ExecuteSqlRawAsync("UPDATE admin_unit SET area_km2 = ST_Area(geom::geography) / 1e6 WHERE area_km2 IS NULL", ct);
        return (pre.ToDictionary(u => u.Code, u => u.Id), post.ToDictionary(u => u.Code, u => u.Id));
    }

    private static AdminUnit Unit(DemoUnit u, AdminUnit province) => new()
    {
        Code = u.Code, Name = u.Name, Level = UnitLevel.Commune,
        Kind = SnakeCase.TryParse<UnitKind>(u.Kind.Code(), out var k) ? k : UnitKind.Xa,
        Parent = province, ValidFrom = u.ValidFrom, ValidTo = u.ValidTo, Population = u.Population, Geom = u.Geometry,
    };

    /// <summary>
    /// The pre-2025 districts of a province when its data has them (valid until the 2025 reform), and the link of each
    /// of its pre-2025 communes to its district: by the district code the data gives, else by point (DistrictLinks).
    /// </summary>
    private async Task<int> WriteDistrictsAsync(DemoBoundaryInput input, CancellationToken ct)
    {
        if (input.Districts.Count == 0) return 0;
        var province = await db.AdminUnits.Where(u => u.Level == UnitLevel.Province && u.Code == input.ProvinceCode)
            .Select(u => u.Id).SingleAsync(ct);
        var units = input.Districts.Select(d => new AdminUnit
        {
            Code = d.Code, Name = d.Name, Level = UnitLevel.District, Kind = UnitKinds.FromName(UnitLevel.District, d.Name),
            ParentId = province, ValidFrom = DemoCalendar.PreMergerValidFrom, ValidTo = UnitLevels.DistrictsAbolishedOn,
            Population = d.Population, Geom = Multi(d.Geometry),
        }).ToList();
        db.AdminUnits.AddRange(units);
        await db.SaveChangesAsync(ct);
        await db.Database.ExecuteSqlRawAsync(
            "UPDATE admin_unit SET geom = ST_Multi(ST_CollectionExtract(ST_MakeValid(geom), 3)) WHERE area_km2 IS NULL AND NOT ST_IsValid(geom)", ct);
        await db.Database.ExecuteSqlRawAsync("UPDATE admin_unit SET area_km2 = ST_Area(geom::geography) / 1e6 WHERE area_km2 IS NULL", ct);
        var ids = units.Select(u => u.Id).ToArray();
        var linked = input.PreMergerUnits.Where(u => u.DistrictCode is not null).ToArray();
        await db.Database.ExecuteSqlRawAsync("""
            UPDATE admin_unit c SET district_id = d.id
            FROM unnest({0}::text[], {1}::text[]) AS l(commune, district)
            JOIN admin_unit d ON d.code = l.district AND d.id = ANY({2})
            WHERE c.level = 'commune' AND c.code = l.commune AND c.parent_id = {3} AND c.valid_from < {4}
            """, [linked.Select(u => u.Code).ToArray(), linked.Select(u => u.DistrictCode!).ToArray(), ids, province, UnitLevels.DistrictsAbolishedOn], ct);
        await DistrictLinks.LinkByPointAsync(db, [], ids, ct);
        db.ChangeTracker.Clear();
        return units.Count;
    }

    private static MultiPolygon Multi(Geometry g)
    {
        var multi = g as MultiPolygon ?? g.Factory.CreateMultiPolygon(g is Polygon p ? [p] : []);
        multi.SRID = 4326;
        return multi;
    }

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

    // straight into incident by binary COPY (the point as EWKB), ids DEMO-000001…
    private async Task<int> CopyIncidentsAsync(DemoProvince demo, Dictionary<string, int> pre, Dictionary<string, int> post,
        Func<string, string> id, CancellationToken ct)
    {
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        var tick = new ImportProgress(progress, $"{demo.ProvinceName}: incidents");
        var n = 0;
        await using (var w = await conn.BeginBinaryImportAsync("""
            COPY incident (external_id, occurred_on, kind, persons, plants, area_m2, source, recorded_by, occurred_at, geom, unit_id, import_batch)
            FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            var preNames = demo.PreMergerUnits.ToDictionary(u => u.Code, u => u.Name);
            var postNames = demo.PostMergerUnits.ToDictionary(u => u.Code, u => u.Name);
            foreach (var i in demo.Incidents)
            {
                var unit = i.Date < DemoCalendar.MergerDate ? pre[i.PreMergerUnitCode] : post[i.PostMergerUnitCode];
                w.StartRow();
                w.Write(id($"DEMO-{i.Id:D6}"), NpgsqlDbType.Text);
                w.Write(i.Date, NpgsqlDbType.Date);
                w.Write(i.Kind.Code(), NpgsqlDbType.Text);
                w.Write(i.Persons, NpgsqlDbType.Integer);
                if (i.Plants != 0) w.Write(i.Plants, NpgsqlDbType.Integer); else w.WriteNull();
                if (i.AreaM2 != 0) w.Write(i.AreaM2, NpgsqlDbType.Double); else w.WriteNull();
                w.Write(SnakeCase.Of(i.Source), NpgsqlDbType.Text);
                var commune = i.Date < DemoCalendar.MergerDate ? preNames[i.PreMergerUnitCode] : postNames[i.PostMergerUnitCode];
                w.Write(DemoRecording.RecordedBy(i, commune, demo.ProvinceName), NpgsqlDbType.Text);
                if (DemoRecording.OccurredAt(i) is { } at) w.Write(at, NpgsqlDbType.Time); else w.WriteNull();
                w.Write(PointEwkb.Of(i.Lon, i.Lat), NpgsqlDbType.Bytea);
                w.Write(unit, NpgsqlDbType.Integer);
                w.Write("demo", NpgsqlDbType.Text);
                tick.Tick(++n);
            }
            await w.CompleteAsync(ct);
        }
        return n;
    }

    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    private static Point Point(double lon, double lat) => Wgs84.CreatePoint(new Coordinate(lon, lat));
}
