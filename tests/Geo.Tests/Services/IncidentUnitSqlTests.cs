using DiaBan.Demo.Province;
using DiaBan.Geo.Queries;
using Npgsql;

namespace DiaBan.Geo.Tests.Services;

/// <summary>
/// <see cref="StatisticsLayers.IncidentUnitSql"/> (through the stored commune, admin_unit's GiST) gives every incident
/// the unit the former spatial join gave it (kept here as <see cref="FormerSql"/>): on the seeded province demo (before
/// and across the 2025 merger, whole and part of the province) and on planted cases — a point on the border of two
/// communes stored with the later one by code, an incident with no stored commune, and one stored with a commune that
/// does not cover it.
/// </summary>
public class IncidentUnitSqlTests(IncidentUnitSqlTests.Fixture fx) : IClassFixture<IncidentUnitSqlTests.Fixture>
{
    /// <summary>The join <see cref="StatisticsLayers"/> used until issue 12.3: incident's GiST probed once per unit.</summary>
    private const string FormerSql = """
        SELECT DISTINCT ON (i.id) i.id, i.occurred_on, u.id AS unit_id
        FROM incident i
        JOIN admin_unit u ON u.id = ANY(@ids) AND ST_Covers(u.geom, i.geom)
        WHERE i.occurred_on >= @from AND i.occurred_on < @next
        ORDER BY i.id, u.code, u.id
        """;

    private static readonly DateOnly First = new(2019, 1, 1);
    private static readonly DateOnly AfterLast = new(2027, 1, 1);
    private static readonly DateOnly Planted = new(2026, 3, 2);

    public sealed class Fixture : DatabaseFixture
    {
        public int[] PreMerger { get; private set; } = [];
        public int[] PostMerger { get; private set; } = [];
        /// <summary>A point on the border of two post-merger communes, stored with the later by code; the earlier.</summary>
        public (long Incident, int Stored, int Expected) Border { get; private set; }
        public (long Incident, int Expected) NoUnit { get; private set; }
        public (long Incident, int Stored, int Expected) Misplaced { get; private set; }
        public long Outside { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using (var db = CreateDb()) await new DemoSeeder(db).SeedAsync(DemoProvinceGenerator.Generate());
            await using var conn = new NpgsqlConnection(ConnectionString);
            await conn.OpenAsync();
            PreMerger = await IdsAsync(conn, DemoCalendar.MergerDate.AddDays(-1));
            PostMerger = await IdsAsync(conn, DemoCalendar.MergerDate);

            // a vertex of one post-merger commune that another covers too
            int a, b;
            await using (var cmd = new NpgsqlCommand("""
                SELECT v.x, v.y, u.id, o.id
                FROM admin_unit u
                CROSS JOIN LATERAL (SELECT ST_X(d.geom) AS x, ST_Y(d.geom) AS y, d.geom FROM ST_DumpPoints(u.geom) d) v
                JOIN admin_unit o ON o.id = ANY(@ids) AND o.id <> u.id AND ST_Covers(o.geom, v.geom)
                WHERE u.id = ANY(@ids)
                ORDER BY u.code, v.x, v.y LIMIT 1
                """, conn))
            {
                cmd.Parameters.AddWithValue("ids", PostMerger);
                await using var rd = await cmd.ExecuteReaderAsync();
                Assert.True(await rd.ReadAsync(), "no shared border vertex in the demo");
                var (x, y) = (rd.GetDouble(0), rd.GetDouble(1));
                (a, b) = (rd.GetInt32(2), rd.GetInt32(3));
                await rd.CloseAsync();
                var (first, later) = await CodeOrderAsync(conn, a, b);
                Border = (await InsertAsync(conn, "PLANT-border", x, y, later), later, first);
            }

            // no stored commune (its commune deleted: ON DELETE SET NULL), inside commune b
            var (bx, by) = await InsideAsync(conn, b);
            NoUnit = (await InsertAsync(conn, "PLANT-null", bx, by, null), b);
            // stored with a commune that does not cover it: a (when a does not cover b's inside point, else another)
            var misStored = await ScalarIntAsync(conn, """
                SELECT u.id FROM admin_unit u WHERE u.id = ANY(@ids) AND NOT (ST_SetSRID(ST_MakePoint(@x, @y), 4326) @ u.geom)
                ORDER BY u.code DESC LIMIT 1
                """, PostMerger, bx, by);
            Misplaced = (await InsertAsync(conn, "PLANT-misplaced", bx, by, misStored), misStored, b);
            // stored with a commune but outside every commune: counted nowhere
            Outside = await InsertAsync(conn, "PLANT-outside", 0.5, 0.5, a);
        }

        private static async Task<int[]> IdsAsync(NpgsqlConnection conn, DateOnly day)
        {
            await using var cmd = new NpgsqlCommand("""
                SELECT id FROM admin_unit WHERE level = 'commune' AND valid_from <= @day AND (valid_to IS NULL OR valid_to > @day)
                ORDER BY code, id
                """, conn);
            cmd.Parameters.AddWithValue("day", day);
            var ids = new List<int>();
            await using var rd = await cmd.ExecuteReaderAsync();
            while (await rd.ReadAsync()) ids.Add(rd.GetInt32(0));
            return [.. ids];
        }

        private static async Task<(int First, int Later)> CodeOrderAsync(NpgsqlConnection conn, int a, int b)
        {
            var first = await ScalarIntAsync(conn, "SELECT id FROM admin_unit WHERE id = ANY(@ids) ORDER BY code, id LIMIT 1", [a, b], 0, 0);
            return (first, first == a ? b : a);
        }

        private static async Task<(double X, double Y)> InsideAsync(NpgsqlConnection conn, int unit)
        {
            await using var cmd = new NpgsqlCommand("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM admin_unit WHERE id = @id) s", conn);
            cmd.Parameters.AddWithValue("id", unit);
            await using var rd = await cmd.ExecuteReaderAsync();
            await rd.ReadAsync();
            return (rd.GetDouble(0), rd.GetDouble(1));
        }

        private static async Task<int> ScalarIntAsync(NpgsqlConnection conn, string sql, int[] ids, double x, double y)
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            cmd.Parameters.AddWithValue("ids", ids);
            if (sql.Contains("@x", StringComparison.Ordinal)) { cmd.Parameters.AddWithValue("x", x); cmd.Parameters.AddWithValue("y", y); }
            return (int)(await cmd.ExecuteScalarAsync())!;
        }

        private static async Task<long> InsertAsync(NpgsqlConnection conn, string externalId, double x, double y, int? unit)
        {
            await using var cmd = new NpgsqlCommand("""
                INSERT INTO incident (external_id, occurred_on, kind, persons, geom, unit_id)
                VALUES (@ext, @day, 'arrest', 1, ST_SetSRID(ST_MakePoint(@x, @y), 4326), @unit) RETURNING id
                """, conn);
            cmd.Parameters.AddWithValue("ext", externalId);
            cmd.Parameters.AddWithValue("day", Planted);
            cmd.Parameters.AddWithValue("x", x);
            cmd.Parameters.AddWithValue("y", y);
            cmd.Parameters.Add(new NpgsqlParameter<int?>("unit", unit) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
            return (long)(await cmd.ExecuteScalarAsync())!;
        }
    }

    private async Task<List<(long Id, DateOnly On, int Unit)>> RunAsync(string sql, int[] ids, DateOnly from, DateOnly next)
    {
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue("ids", ids);
        cmd.Parameters.AddWithValue("from", from);
        cmd.Parameters.AddWithValue("next", next);
        var rows = new List<(long, DateOnly, int)>();
        await using var rd = await cmd.ExecuteReaderAsync();
        while (await rd.ReadAsync()) rows.Add((rd.GetInt64(0), rd.GetFieldValue<DateOnly>(1), rd.GetInt32(2)));
        return rows;
    }

    private async Task<List<(long Id, DateOnly On, int Unit)>> SameAsFormerAsync(int[] ids, DateOnly from, DateOnly next, bool someRows = true)
    {
        var former = await RunAsync(FormerSql, ids, from, next);
        var now = await RunAsync(StatisticsLayers.IncidentUnitSql, ids, from, next);
        if (someRows) Assert.NotEmpty(former);
        Assert.Equal(former, now); // both ordered by incident id
        return now;
    }

    [Fact]
    public async Task The_pre_merger_communes_get_the_same_incidents_before_the_merger()
    {
        var rows = await SameAsFormerAsync(fx.PreMerger, First, DemoCalendar.MergerDate);
        // every demo incident before the merger lies in a pre-merger commune
        Assert.Equal(await fx.ScalarAsync<long>("SELECT count(*) FROM incident WHERE occurred_on < '2025-07-01' AND external_id LIKE 'DEMO-%'"), rows.Count);
    }

    [Fact]
    public async Task The_post_merger_communes_get_the_same_incidents_over_the_whole_span_including_their_predecessors()
    {
        var rows = await SameAsFormerAsync(fx.PostMerger, First, AfterLast);
        var post = fx.PostMerger.ToHashSet();
        var stored = await StoredAsync();
        // the merger case is exercised: most incidents are stored with a pre-merger commune, not among the units
        Assert.True(rows.Count(r => stored[r.Id] is not { } s || !post.Contains(s)) > rows.Count / 2);
    }

    [Fact]
    public async Task Part_of_the_communes_get_the_same_incidents_in_a_year_and_a_quarter()
    {
        // every other commune by code: most borders run between a unit asked for and one that is not
        var half = fx.PostMerger.Where((_, k) => k % 2 == 0).ToArray();
        await SameAsFormerAsync(half, First, AfterLast);
        await SameAsFormerAsync(half, new DateOnly(2024, 1, 1), new DateOnly(2025, 1, 1));
        await SameAsFormerAsync(fx.PreMerger.Where((_, k) => k % 3 == 1).ToArray(), new DateOnly(2023, 4, 1), new DateOnly(2023, 7, 1));
    }

    [Fact]
    public async Task The_planted_cases_are_assigned_by_the_rule()
    {
        var rows = (await SameAsFormerAsync(fx.PostMerger, Planted, Planted.AddDays(1))).ToDictionary(r => r.Id, r => r.Unit);
        Assert.NotEqual(fx.Border.Stored, fx.Border.Expected);
        Assert.Equal(fx.Border.Expected, rows[fx.Border.Incident]);   // the first covering unit by code, not the stored one
        Assert.Equal(fx.NoUnit.Expected, rows[fx.NoUnit.Incident]);   // no stored commune: by geometry
        Assert.NotEqual(fx.Misplaced.Stored, fx.Misplaced.Expected);
        Assert.Equal(fx.Misplaced.Expected, rows[fx.Misplaced.Incident]); // stored commune does not cover it
        Assert.DoesNotContain(fx.Outside, rows.Keys);
        // the border incident with only its stored (later) commune asked for goes there; with neither, nowhere
        var onlyStored = await SameAsFormerAsync([fx.Border.Stored], Planted, Planted.AddDays(1));
        Assert.Contains(onlyStored, r => r.Id == fx.Border.Incident && r.Unit == fx.Border.Stored);
        var others = fx.PostMerger.Where(id => id != fx.Border.Stored && id != fx.Border.Expected).ToArray();
        Assert.DoesNotContain(await SameAsFormerAsync(others, Planted, Planted.AddDays(1), someRows: false), r => r.Id == fx.Border.Incident);
    }

    private async Task<Dictionary<long, int?>> StoredAsync()
    {
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT id, unit_id FROM incident", conn);
        var map = new Dictionary<long, int?>();
        await using var rd = await cmd.ExecuteReaderAsync();
        while (await rd.ReadAsync()) map[rd.GetInt64(0)] = rd.IsDBNull(1) ? null : rd.GetInt32(1);
        return map;
    }
}
