using System.Net;
using System.Net.Http.Json;
using DiaBan.Web.Api;
using DiaBan.Web.Tests.Infrastructure;

namespace DiaBan.Web.Tests.Api;

/// <summary>/api/patrol/time-of-week on the seeded demo: counts by day of week × hour per commune and per cell set, area-scoped.</summary>
public sealed class TimeOfWeekApiTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    // the incidents the table counts, written independently of the query: 2026, not "other", not found by patrols, in the commune
    private const string Counted = """
        FROM incident i JOIN admin_unit u ON u.code = @code AND u.level = 'commune' AND u.valid_to IS NULL AND ST_Covers(u.geom, i.geom)
        WHERE i.occurred_on >= '2026-01-01' AND i.occurred_on < '2027-01-01' AND i.kind <> 'other' AND COALESCE(i.source, '') <> 'patrol'
        """;

    private async Task<List<string>> PoliceCommunesAsync() => await app.StringsAsync(
        """SELECT unnest("AreaCommuneCodes") FROM auth."AspNetUsers" WHERE "Email" = 'police@diaban.local' ORDER BY 1""");

    private static async Task<PatrolSheetApi.TimeOfWeekResponse> GetAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/patrol/time-of-week?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PatrolSheetApi.TimeOfWeekResponse>())!;
    }

    [Fact]
    public async Task Police_get_their_communes_counts_only_equal_to_the_database_by_weekday_and_hour()
    {
        var mine = await PoliceCommunesAsync();
        using var police = await ApiLogin.ClientForAsync(app, "police@diaban.local");
        var answer = await GetAsync(police, "period=2026");
        Assert.Equal(("2026", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), "Asia/Ho_Chi_Minh"), (answer.Period, answer.From, answer.To, answer.TimeZone));
        Assert.Equal(mine, answer.Communes.Select(c => c.Code).Order(StringComparer.Ordinal));
        Assert.Null(answer.Cells);

        foreach (var commune in answer.Communes)
        {
            var hours = commune.Hours;
            Assert.Equal(7, hours.Counts.Length);
            Assert.All(hours.Counts, row => Assert.Equal(24, row.Length));
            Assert.Equal(hours.Timed, hours.Counts.Sum(r => r.Sum()));
            var code = ("code", (object)commune.Code);
            Assert.Equal(await app.ScalarAsync<long>($"SELECT count(*) {Counted} AND i.occurred_at IS NOT NULL", code), hours.Timed);
            Assert.Equal(await app.ScalarAsync<long>($"SELECT count(*) {Counted} AND i.occurred_at IS NULL", code), hours.Untimed);
            // Sunday (ISO 7, row 6) from 22:00 to 23:59, and Monday (row 0) 00:00–05:59: read straight from the table
            Assert.Equal(await app.ScalarAsync<long>($"SELECT count(*) {Counted} AND extract(isodow FROM i.occurred_on) = 7 AND i.occurred_at >= '22:00'", code),
                hours.Counts[6][22] + hours.Counts[6][23]);
            Assert.Equal(await app.ScalarAsync<long>($"SELECT count(*) {Counted} AND extract(isodow FROM i.occurred_on) = 1 AND i.occurred_at < '06:00'", code),
                hours.Counts[0][..6].Sum());
            Assert.Equal(["06-14", "14-22", "22-06"], hours.Shifts.Select(s => s.Shift));
            Assert.Equal(1.0, hours.Shifts.Sum(s => s.Share), 3);
            Assert.Equal(hours.Timed, hours.Shifts.Sum(s => s.Timed));
        }
        Assert.True(answer.Communes.Sum(c => c.Hours.Timed) > 0, "the demo gives some incidents a time");
        Assert.True(answer.Communes.Sum(c => c.Hours.Untimed) > 0, "and leaves some without one");

        // a leader sees the whole province, and the police's communes with the same numbers
        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");
        var province = await GetAsync(leader, "period=2026");
        Assert.True(province.Communes.Count > answer.Communes.Count);
        foreach (var commune in answer.Communes)
            Assert.Equal(commune.Hours.Counts, province.Communes.Single(c => c.Code == commune.Code).Hours.Counts);
    }

    [Fact]
    public async Task A_cell_outside_the_police_area_counts_nothing_for_him_but_does_for_the_leader()
    {
        var mine = await PoliceCommunesAsync();
        // the 250 m square with the most 2026 incidents outside the officer's communes
        var cell = await app.ScalarAsync<long>("""
            SELECT (((g.srid - 32600)::bigint << 48) | (g.i::bigint << 24) | g.j)
            FROM grid_cell g JOIN admin_unit u ON u.id = g.unit_id AND u.valid_to IS NULL AND NOT (u.code = ANY(@codes))
            JOIN incident i ON ST_Covers(g.geom, i.geom) AND i.occurred_on >= '2026-01-01' AND i.kind <> 'other' AND COALESCE(i.source, '') <> 'patrol'
            WHERE g.size_m = 250 AND g.valid_to IS NULL AND g.area_share = 1
            GROUP BY g.srid, g.i, g.j ORDER BY count(*) DESC, 1 LIMIT 1
            """, ("codes", mine.ToArray()));
        using var police = await ApiLogin.ClientForAsync(app, "police@diaban.local");
        var his = await GetAsync(police, $"period=2026&cells={cell}");
        Assert.Equal((0, 0), (his.Cells!.Timed, his.Cells.Untimed));

        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");
        var all = await GetAsync(leader, $"period=2026&cells={cell}");
        Assert.True(all.Cells!.Timed + all.Cells.Untimed > 0);
    }

    [Theory]
    [InlineData("period=2026Q5", "period")]
    [InlineData("", "period")]
    [InlineData("period=2026&cells=12,abc", "cells")]
    [InlineData("period=2026&cells=-4", "cells")]
    public async Task Bad_parameters_are_named(string query, string field)
    {
        using var police = await ApiLogin.ClientForAsync(app, "police@diaban.local");
        var response = await police.GetAsync($"/api/patrol/time-of-week?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Nobody_reads_the_table_without_login_and_a_bad_shift_on_the_sheet_is_named()
    {
        using var anonymous = app.Factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/patrol/time-of-week?period=2026")).StatusCode);

        using var police = await ApiLogin.ClientForAsync(app, "police@diaban.local");
        var response = await police.GetAsync("/api/patrol/sheet.geojson?day=2026-07-01&shift=23-07");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("shift", await response.Content.ReadAsStringAsync());
    }
}
