using System.Globalization;
using System.Text;
using DiaBan.Demo.Province;
using DiaBan.Geo.Import;
using Npgsql;

namespace DiaBan.Geo.Tests.Import;

/// <summary>
/// The in-memory commune assignment gives every incident of the province demo the commune the importer's former SQL
/// rule gave it (ST_Covers of the commune valid on the date; the lowest id where several cover the point).
/// </summary>
public class IncidentAssignmentRegressionTests(IncidentAssignmentRegressionTests.Fixture fx) : IClassFixture<IncidentAssignmentRegressionTests.Fixture>
{
    public sealed class Fixture : DatabaseFixture
    {
        private readonly TempFiles _tmp = new();

        public long Exported { get; private set; }
        public ImportResult Imported { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using (var db = CreateDb()) await new DemoSeeder(db).SeedAsync(DemoProvinceGenerator.Generate());
            var csv = _tmp.PathOf("demo-incidents.csv");
            Exported = await ExportAsync(csv);
            await using (var db = CreateDb()) Imported = await new IncidentImporter(db).ImportAsync(csv);
        }

        // the demo's own incidents under new ids, coordinates written round-trip exact
        private async Task<long> ExportAsync(string path)
        {
            await using var w = new StreamWriter(path, false, new UTF8Encoding(false));
            await w.WriteLineAsync("id,occurred_on,kind,lon,lat,persons");
            await using var conn = new NpgsqlConnection(ConnectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand(
                "SELECT external_id, occurred_on, kind, ST_X(geom), ST_Y(geom), persons FROM incident ORDER BY id", conn);
            await using var rd = await cmd.ExecuteReaderAsync();
            long n = 0;
            while (await rd.ReadAsync())
            {
                n++;
                await w.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"R-{rd.GetString(0)},{rd.GetFieldValue<DateOnly>(1):yyyy-MM-dd},{rd.GetString(2)},{rd.GetDouble(3):R},{rd.GetDouble(4):R},{rd.GetInt32(5)}"));
            }
            return n;
        }
    }

    [Fact]
    public async Task Every_demo_incident_gets_the_commune_the_former_sql_join_gave_it()
    {
        Assert.True(fx.Exported > 1000, $"the demo has {fx.Exported} incidents");
        Assert.Equal(fx.Exported, fx.Imported.Inserted);
        var differing = await fx.ScalarAsync<long>($"""
            SELECT count(*) FROM incident s
            WHERE s.import_batch = '{fx.Imported.Batch}' AND s.unit_id IS DISTINCT FROM (
                SELECT u.id FROM admin_unit u
                WHERE u.level = 'commune'
                  AND u.valid_from <= s.occurred_on AND (u.valid_to IS NULL OR s.occurred_on < u.valid_to)
                  AND ST_Covers(u.geom, s.geom)
                ORDER BY u.id LIMIT 1)
            """);
        Assert.Equal(0, differing);
    }
}
