using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DiaBan.Analytics.Classification;
using DiaBan.Geo.Crs;
using DiaBan.Geo.Services;
using DiaBan.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DiaBan.Web.Tests.Api;

/// <summary>
/// /api/incident-entries on the seeded demo: the whole review cycle (police enter and submit, a leader returns and
/// verifies), the incident it writes and the year's figure it changes, and every security rule: outside the area,
/// other people's entries, planners, verifying one's own entry, field errors named as the importer names them.
/// </summary>
public sealed class IncidentEntriesApiTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private const string Police = "police@diaban.local", Planner = "planner@diaban.local", Leader = "leader@diaban.local", Admin = "admin@diaban.local";
    private const string Date = "2026-06-15";

    private async Task<string> PoliceCommuneAsync(int i = 0) => (await app.StringsAsync(
        """SELECT unnest("AreaCommuneCodes") FROM auth."AspNetUsers" WHERE "Email" = 'police@diaban.local' ORDER BY 1"""))[i];

    /// <summary>A point inside the current commune with this code, "lon,lat".</summary>
    private async Task<(double Lon, double Lat)> InsideAsync(string code)
    {
        var text = await app.ScalarAsync<string>(
            "SELECT ST_X(p)::text || ',' || ST_Y(p)::text FROM (SELECT ST_PointOnSurface(geom) p FROM admin_unit WHERE level = 'commune' AND code = @c AND valid_to IS NULL) s",
            ("c", code));
        var parts = text.Split(',');
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    private async Task<string> CommuneOutsidePoliceAsync() => await app.ScalarAsync<string>("""
        SELECT code FROM admin_unit WHERE level = 'commune' AND valid_to IS NULL
          AND code <> ALL(SELECT unnest("AreaCommuneCodes") FROM auth."AspNetUsers" WHERE "Email" = 'police@diaban.local')
        ORDER BY code LIMIT 1
        """);

    private static object Body((double Lon, double Lat) p, string kind = "arrest", string persons = "2", string? recordedBy = "Công an xã",
        string date = Date) => new
    {
        occurredOn = date, occurredAt = "21:30", kind, persons, source = "patrol", recordedBy,
        lon = p.Lon.ToString("R", CultureInfo.InvariantCulture), lat = p.Lat.ToString("R", CultureInfo.InvariantCulture),
    };

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }

    private async Task<int?> OffendersAsync(string code, int year)
    {
        using var scope = app.Factory.Services.CreateScope();
        var figures = await scope.ServiceProvider.GetRequiredService<FigureAssembler>().AssembleAsync(year);
        var unitId = await app.ScalarAsync<int>("SELECT id FROM admin_unit WHERE level = 'commune' AND code = @c AND valid_to IS NULL", ("c", code));
        return figures.Single(f => f.UnitId == unitId).Figures.OffendersArrested;
    }

    [Fact]
    public async Task Police_enter_and_submit_a_leader_returns_then_verifies_and_the_incident_counts_in_the_years_figure()
    {
        var code = await PoliceCommuneAsync();
        var at = await InsideAsync(code);
        // the commune reports nothing for 2026, so its arrests come from the incidents (FigureAssembler)
        await app.ExecuteAsync("DELETE FROM unit_indicator ui USING admin_unit u WHERE u.id = ui.unit_id AND u.code = @c AND ui.year = 2026", ("c", code));
        var before = await OffendersAsync(code, 2026) ?? 0;
        using var police = await ApiLogin.ClientForAsync(app, Police);
        using var leader = await ApiLogin.ClientForAsync(app, Leader);

        var created = await OkAsync(await police.PostAsJsonAsync("/api/incident-entries", Body(at)), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal("draft", created.GetProperty("state").GetString());
        Assert.Equal(code, created.GetProperty("communeCode").GetString());
        Assert.Equal("21:30", created.GetProperty("occurredAt").GetString());
        // a draft is nobody's business but its officer's: not in the queue, not an incident
        Assert.DoesNotContain((await OkAsync(await leader.GetAsync("/api/incident-entries/queue"))).EnumerateArray(), e => e.GetProperty("id").GetInt64() == id);

        // edit (persons 3), submit; the leader returns it with a reason, the officer sees the reason
        await OkAsync(await police.PutAsJsonAsync($"/api/incident-entries/{id}", Body(at, persons: "3")));
        Assert.Equal("submitted", (await OkAsync(await police.PostAsync($"/api/incident-entries/{id}/submit", null))).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await police.PutAsJsonAsync($"/api/incident-entries/{id}", Body(at))).StatusCode); // submitted: no edit
        Assert.Contains((await OkAsync(await leader.GetAsync("/api/incident-entries/queue"))).EnumerateArray(), e => e.GetProperty("id").GetInt64() == id);
        Assert.Contains("reason", (await ErrorsAsync(await leader.PostAsJsonAsync($"/api/incident-entries/{id}/return", new { reason = " " }))).Keys);
        await OkAsync(await leader.PostAsJsonAsync($"/api/incident-entries/{id}/return", new { reason = "Sai giờ xảy ra" }));
        var mine = (await OkAsync(await police.GetAsync("/api/incident-entries"))).EnumerateArray().Single(e => e.GetProperty("id").GetInt64() == id);
        Assert.Equal("returned", mine.GetProperty("state").GetString());
        Assert.Equal("Sai giờ xảy ra", mine.GetProperty("returnReason").GetString());
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM incident WHERE external_id = @e", ("e", $"web-{id}")));

        await OkAsync(await police.PostAsync($"/api/incident-entries/{id}/submit", null));
        var verified = await OkAsync(await leader.PostAsync($"/api/incident-entries/{id}/verify", null));
        Assert.Equal("verified", verified.GetProperty("state").GetString());
        Assert.Equal($"web-{id}", verified.GetProperty("incidentExternalId").GetString());
        Assert.Equal("web:" + Leader, verified.GetProperty("verifiedBy").GetString());

        // the incident: same commune (the importer's rule), kind, persons, source code, point
        Assert.Equal($"{code}|arrest|3|patrol|2026-06-15", await app.ScalarAsync<string>("""
            SELECT u.code || '|' || i.kind || '|' || i.persons || '|' || i.source || '|' || i.occurred_on
            FROM incident i JOIN admin_unit u ON u.id = i.unit_id WHERE i.external_id = @e
            """, ("e", $"web-{id}")));
        Assert.True(await app.ScalarAsync<bool>("SELECT ST_DWithin(geom, ST_SetSRID(ST_MakePoint(@x, @y), 4326), 1e-9) FROM incident WHERE external_id = @e",
            ("x", at.Lon), ("y", at.Lat), ("e", $"web-{id}")));
        Assert.Equal(before + 3, await OffendersAsync(code, 2026));
        // a verified entry is final
        Assert.Equal(HttpStatusCode.Conflict, (await leader.PostAsync($"/api/incident-entries/{id}/verify", null)).StatusCode);
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM incident WHERE external_id = @e", ("e", $"web-{id}")));

        // every step audited under its actor: insert, 2 submits, return, edit, verify (+ the incident's insert)
        var audit = await app.StringsAsync("SELECT actor || ' ' || action FROM audit_entry WHERE entity = 'incident_entry' AND entity_key = @k ORDER BY id",
            ("k", id.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(["web:police@diaban.local insert", "web:police@diaban.local update", "web:police@diaban.local update",
            "web:leader@diaban.local update", "web:police@diaban.local update", "web:leader@diaban.local update"], audit);
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM audit_entry WHERE entity = 'incident' AND actor = 'web:leader@diaban.local' AND action = 'insert' AND details::text LIKE @e",
            ("e", $"%web-{id}%")));
    }

    [Fact]
    public async Task Police_cannot_create_read_or_act_outside_their_communes_and_planners_cannot_verify()
    {
        var outside = await CommuneOutsidePoliceAsync();
        var far = await InsideAsync(outside);
        using var police = await ApiLogin.ClientForAsync(app, Police);
        using var planner = await ApiLogin.ClientForAsync(app, Planner);
        using var admin = await ApiLogin.ClientForAsync(app, Admin);
        using var leader = await ApiLogin.ClientForAsync(app, Leader);

        // a point in another commune: 400 naming the point's field, nothing written
        var count = await app.ScalarAsync<long>("SELECT count(*) FROM incident_entry");
        var errors = await ErrorsAsync(await police.PostAsJsonAsync("/api/incident-entries", Body(far)));
        Assert.Contains("ngoài địa bàn của bạn", Assert.Single(errors["lon"]));
        Assert.Contains(outside, errors["lon"][0]);
        Assert.Equal(count, await app.ScalarAsync<long>("SELECT count(*) FROM incident_entry"));

        // an entry there (the administrator enters everywhere) does not exist for the police officer
        var id = (await OkAsync(await admin.PostAsJsonAsync("/api/incident-entries", Body(far)), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        await OkAsync(await admin.PostAsync($"/api/incident-entries/{id}/submit", null));
        Assert.Equal(HttpStatusCode.NotFound, (await police.GetAsync($"/api/incident-entries/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await police.PutAsJsonAsync($"/api/incident-entries/{id}", Body(far))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await police.PostAsync($"/api/incident-entries/{id}/submit", null)).StatusCode);
        Assert.DoesNotContain((await OkAsync(await police.GetAsync("/api/incident-entries"))).EnumerateArray(), e => e.GetProperty("id").GetInt64() == id);
        // police and planners may not verify or return (the policy), planners do not even read entries
        Assert.Equal(HttpStatusCode.Forbidden, (await police.PostAsync($"/api/incident-entries/{id}/verify", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await police.GetAsync("/api/incident-entries/queue")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await planner.PostAsync($"/api/incident-entries/{id}/verify", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await planner.PostAsJsonAsync($"/api/incident-entries/{id}/return", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await planner.GetAsync($"/api/incident-entries/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await planner.PostAsJsonAsync("/api/incident-entries", Body(far))).StatusCode);
        // nobody verifies his own entry
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsync($"/api/incident-entries/{id}/verify", null)).StatusCode);
        Assert.Equal("submitted", await app.ScalarAsync<string>("SELECT state FROM incident_entry WHERE id = @i", ("i", id)));
        // the province's leader does
        Assert.Equal("verified", (await OkAsync(await leader.PostAsync($"/api/incident-entries/{id}/verify", null))).GetProperty("state").GetString());

        // another officer's entry in one's own commune cannot be edited either (the police officer's own entry by the admin)
        var mineAt = await InsideAsync(await PoliceCommuneAsync(1));
        var adminsInPoliceArea = (await OkAsync(await admin.PostAsJsonAsync("/api/incident-entries", Body(mineAt)), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NotFound, (await police.PostAsync($"/api/incident-entries/{adminsInPoliceArea}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await police.GetAsync($"/api/incident-entries/{adminsInPoliceArea}")).StatusCode);
    }

    [Fact]
    public async Task Field_errors_carry_the_importers_messages_and_vn2000_coordinates_land_on_the_same_point()
    {
        var code = await PoliceCommuneAsync(2);
        var at = await InsideAsync(code);
        using var police = await ApiLogin.ClientForAsync(app, Police);

        var errors = await ErrorsAsync(await police.PostAsJsonAsync("/api/incident-entries", new
        {
            occurredOn = "2031-01-01", kind = "robbery", persons = "-1", areaM2 = "abc", source = "radio", recordedBy = "", occurredAt = "25:00",
            lon = "9.15", lat = "105.05",
        }));
        Assert.Equal("2031-01-01 is after today " + DiaBan.Geo.Import.IncidentRow.Today(TimeProvider.System).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " / ngày ở tương lai", errors["occurred_on"].Single());
        Assert.StartsWith("'robbery' is not one of arrest|seizure", errors["kind"].Single());
        Assert.Equal("-1 is below the minimum 0 / nhỏ hơn giá trị tối thiểu", errors["persons"].Single());
        Assert.Equal("'abc' is not a number (use '.' as decimal point) / không phải số", errors["area_m2"].Single());
        Assert.Contains("look swapped", errors["lon"].Single());
        Assert.Contains("occurred_at", errors.Keys);
        Assert.Contains("source", errors.Keys);
        // recordedBy empty → the user's unit by default, so no error there
        Assert.DoesNotContain("recorded_by", errors.Keys);

        // VN-2000 TM-3 105°30' (EPSG:9209): x/y of the same point give the same commune and (within a millimetre) the same point
        var (x, y) = CoordinateSystems.FromWgs84(9209, at.Lon, at.Lat);
        var created = await OkAsync(await police.PostAsJsonAsync("/api/incident-entries", new
        {
            occurredOn = Date, kind = "use_site", crs = "EPSG:9209", x = x.ToString("F3", CultureInfo.InvariantCulture),
            y = y.ToString("F3", CultureInfo.InvariantCulture),
        }), HttpStatusCode.Created);
        Assert.Equal(code, created.GetProperty("communeCode").GetString());
        Assert.Equal("Công an xã", created.GetProperty("recordedBy").GetString());
        Assert.Equal("EPSG:9209", created.GetProperty("crs").GetString());
        Assert.Equal(at.Lon, created.GetProperty("lon").GetDouble(), 1e-7);
        Assert.Equal(at.Lat, created.GetProperty("lat").GetDouble(), 1e-7);
        // swapped X/Y (a survey table's X = northing) is named as such
        var swapped = await ErrorsAsync(await police.PostAsJsonAsync("/api/incident-entries", new
        {
            occurredOn = Date, kind = "use_site", crs = "9209", x = y.ToString("F3", CultureInfo.InvariantCulture), y = x.ToString("F3", CultureInfo.InvariantCulture),
        }));
        Assert.Contains("X/Y look swapped", swapped["x"].Single());
    }

    [Fact]
    public async Task Get_requests_never_write()
    {
        using var police = await ApiLogin.ClientForAsync(app, Police);
        var audit = await app.ScalarAsync<long>("SELECT count(*) FROM audit_entry");
        await police.GetAsync("/api/incident-entries");
        await police.GetAsync("/api/incident-entries/1");
        Assert.Equal(audit, await app.ScalarAsync<long>("SELECT count(*) FROM audit_entry"));
    }
}
