using DiaBan.Geo.Data;
using DiaBan.Geo.Import;
using DiaBan.Geo.Services;
using Npgsql;

namespace DiaBan.Geo.Tests.Import;

/// <summary>
/// Issue 9 with the real files: old Long An's communes (pre-2025, open-ended) and then new Tây Ninh's wards (which
/// cover old Long An) from 1/7/2025. Without --supersede the wards are refused naming the overlapping codes and
/// nothing changes; with it exactly the overlapped old communes are closed on 1/7/2025 and 2026 classifies only the wards.
/// </summary>
public class BoundaryOverlapTests(BoundaryOverlapTests.Fixture fx) : IClassFixture<BoundaryOverlapTests.Fixture>
{
    public static readonly DateOnly Switch = new(2025, 7, 1);

    public static BoundaryImportOptions OldLongAn() => new()
    {
        Level = UnitLevel.Commune, ValidFrom = new DateOnly(2019, 1, 1), CodeField = "commune_id", NameField = "commune_vn",
        PopulationField = "population", WhereField = "province_id", WhereValue = "801",
    };

    public static BoundaryImportOptions TayNinh(bool supersede) => new()
    {
        Level = UnitLevel.Commune, ValidFrom = Switch, CodeField = "code", NameField = "fullName",
        WhereField = "provinceCode", WhereValue = "80", Supersede = supersede,
    };

    public sealed class Fixture : DatabaseFixture
    {
        public ImportResult Old { get; private set; } = null!;
        public ImportException Refused { get; private set; } = null!;
        public string BeforeRefusal { get; private set; } = "";
        public string AfterRefusal { get; private set; } = "";
        public long FailedAudits { get; private set; }
        public ImportResult Superseded { get; private set; } = null!;
        public long OverlappedBySql { get; private set; }
        public long NewOverlappingBySql { get; private set; }
        public YearClassification Y2026 { get; private set; } = null!;

        // a snapshot of every row of admin_unit that matters: count, closed count, sum of ids
        private Task<string> SnapshotAsync() => ScalarAsync<string>(
            "SELECT count(*) || '/' || count(valid_to) || '/' || coalesce(sum(id), 0) FROM admin_unit");

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var pre = SharedData.VnFile("communes_pre2025_national.geojson");
            var post = SharedData.VnFile("communes_2025_national.geojson");
            await using (var db = CreateDb()) Old = await new BoundaryImporter(db).ImportAsync(pre, OldLongAn());

            BeforeRefusal = await SnapshotAsync();
            await using (var db = CreateDb())
                Refused = await Assert.ThrowsAsync<ImportException>(() => new BoundaryImporter(db).ImportAsync(post, TayNinh(false)));
            AfterRefusal = await SnapshotAsync();
            FailedAudits = await ScalarAsync<long>($"SELECT count(*) FROM audit_entry WHERE action = '{FailedImportAudit.Action}'");

            await using (var db = CreateDb()) Superseded = await new BoundaryImporter(db).ImportAsync(post, TayNinh(true));
            // the rule written out independently of admin_unit_overlaps(): old communes that some new ward overlaps by
            // more than 1 ha and more than half of the smaller of the two
            const string pairs = """
                FROM admin_unit o JOIN admin_unit n
                  ON n.valid_from = '2025-07-01' AND o.valid_from = '2019-01-01' AND ST_Intersects(o.geom, n.geom)
                CROSS JOIN LATERAL (SELECT ST_Area(ST_CollectionExtract(ST_Intersection(o.geom, n.geom), 3)::geography) AS m2) i
                WHERE i.m2 > 10000 AND i.m2 > 0.5 * least(ST_Area(o.geom::geography), ST_Area(n.geom::geography))
                """;
            OverlappedBySql = await ScalarAsync<long>("SELECT count(DISTINCT o.id) " + pairs);
            NewOverlappingBySql = await ScalarAsync<long>("SELECT count(DISTINCT n.id) " + pairs);
            await using (var db = CreateDb()) Y2026 = await new YearClassifier(db).ClassifyAsync(2026);
        }
    }

    [Fact]
    public void The_filter_picks_old_long_an_and_new_tay_ninh_out_of_the_national_files()
    {
        Assert.Equal(192, fx.Old.Inserted);
        Assert.Equal(11_163 - 192, fx.Old.Skipped);
        Assert.Equal(96, fx.Superseded.Inserted);
    }

    [Fact]
    public void Without_supersede_the_wards_are_refused_naming_existing_and_new_codes()
    {
        var summary = fx.Refused.Errors[0];
        Assert.Equal(("geometry", 0), (summary.Field, summary.Row));
        Assert.Contains("--supersede", summary.Message);
        // old Phường 1 of Tân An (basemap id 8010101) went whole into the new Phường Long An (27694, crosswalk)
        Assert.Contains("8010101", summary.Message);
        Assert.Contains("27694", summary.Message);
        Assert.Contains(fx.Refused.Errors, e => e.Message.StartsWith("27694 overlaps") && e.Message.Contains("8010101 (valid 2019-01-01–)"));
        // one error per new ward over old Long An (the others of the 96 lie in old Tây Ninh, not loaded), on its feature number
        var perWard = fx.Refused.Errors.Skip(1).ToList();
        Assert.Equal(fx.NewOverlappingBySql, perWard.Count);
        Assert.InRange(perWard.Count, 40, 95);
        Assert.StartsWith($"{perWard.Count} new commune unit(s) overlap 192 existing", summary.Message);
        Assert.All(perWard, e => Assert.True(e.Row > 0, e.ToString()));
    }

    [Fact]
    public void Nothing_is_half_written_on_refusal_and_the_refusal_is_audited()
    {
        Assert.Equal(fx.BeforeRefusal, fx.AfterRefusal);
        Assert.Equal(1, fx.FailedAudits);
    }

    [Fact]
    public async Task Supersede_closes_exactly_the_overlapped_units_at_valid_from()
    {
        var closed = await fx.ScalarAsync<long>("SELECT count(*) FROM admin_unit WHERE valid_from = '2019-01-01' AND valid_to = '2025-07-01'");
        Assert.True(fx.OverlappedBySql > 0);
        Assert.Equal(fx.OverlappedBySql, closed);
        Assert.Equal(closed, fx.Superseded.Updated);
        Assert.Contains(fx.Superseded.Notes!, n => n.StartsWith($"{closed} overlapped commune unit(s) closed at 2025-07-01"));
        // old communes left open are those no ward overlaps
        Assert.Equal(192 - closed, await fx.ScalarAsync<long>("SELECT count(*) FROM admin_unit WHERE valid_from = '2019-01-01' AND valid_to IS NULL"));
        Assert.Equal(closed, await fx.ScalarAsync<long>(
            "SELECT (details->>'superseded')::bigint FROM audit_entry WHERE action = 'import' AND entity = 'admin_unit' ORDER BY id DESC LIMIT 1"));
    }

    [Fact]
    public async Task No_two_communes_valid_in_2026_overlap_and_2026_classifies_only_the_new_wards()
    {
        Assert.Equal(0, await fx.ScalarAsync<long>("""
            SELECT count(*) FROM admin_unit a JOIN admin_unit b ON a.id < b.id AND a.geom && b.geom
            WHERE a.valid_from <= '2026-12-31' AND (a.valid_to IS NULL OR a.valid_to > '2026-12-31')
              AND b.valid_from <= '2026-12-31' AND (b.valid_to IS NULL OR b.valid_to > '2026-12-31')
              AND admin_unit_overlaps(a.geom, b.geom)
            """));
        var open = await fx.ScalarAsync<long>("SELECT count(*) FROM admin_unit WHERE valid_from = '2019-01-01' AND valid_to IS NULL");
        // every old Long An commune lies mostly inside one new ward, so all 192 were closed and 2026 sees only the 96 wards
        Assert.Equal(0, open);
        Assert.Equal(96, fx.Y2026.Units);
        Assert.Equal(96, await fx.ScalarAsync<long>("""
            SELECT count(*) FROM status_assessment s JOIN admin_unit u ON u.id = s.unit_id
            WHERE s.year = 2026 AND u.valid_from = '2025-07-01'
            """));
    }

    [Fact]
    public async Task The_database_refuses_an_overlapping_row_written_past_the_importer_at_commit()
    {
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO admin_unit (code, name, level, kind, valid_from, geom)
            SELECT 'X' || code, name, level, kind, '2026-01-01', ST_Multi(ST_Buffer(geom, -0.001))
            FROM admin_unit WHERE code = '27694'
            """, conn, tx);
        Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
        var e = await Assert.ThrowsAsync<PostgresException>(() => tx.CommitAsync());
        Assert.Equal(PostgresErrorCodes.ExclusionViolation, e.SqlState);
        Assert.Contains("27694", e.MessageText);
    }

    [Fact]
    public async Task A_shared_edge_is_not_an_overlap()
    {
        // two neighbouring wards of the same file: they touch, and admin_unit_overlaps says no
        Assert.Equal(0, await fx.ScalarAsync<long>("""
            SELECT count(*) FROM admin_unit a JOIN admin_unit b ON a.id < b.id
            WHERE a.valid_from = '2025-07-01' AND b.valid_from = '2025-07-01' AND ST_Intersects(a.geom, b.geom)
              AND admin_unit_overlaps(a.geom, b.geom)
            """));
        Assert.True(await fx.ScalarAsync<long>("""
            SELECT count(*) FROM admin_unit a JOIN admin_unit b ON a.id < b.id
            WHERE a.valid_from = '2025-07-01' AND b.valid_from = '2025-07-01' AND ST_Intersects(a.geom, b.geom)
            """) > 100);
    }
}
