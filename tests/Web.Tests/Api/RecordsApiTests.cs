using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiaBan.Web.Tests.Infrastructure;

namespace DiaBan.Web.Tests.Api;

/// <summary>
/// /api/spots and /api/tips on the seeded demo: the layer is area-scoped geo+json; a police officer reads, creates and
/// submits only inside his communes (404 outside, as for a record that does not exist) and never verifies; a planner
/// neither enters nor verifies; a leader verifies, and only then does the record count.
/// </summary>
public sealed class RecordsApiTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private async Task<List<string>> PoliceCommunesAsync() => await app.StringsAsync(
        """SELECT unnest("AreaCommuneCodes") FROM auth."AspNetUsers" WHERE "Email" = 'police@diaban.local' ORDER BY 1""");

    // a point inside a current commune (x y)
    private async Task<(double Lon, double Lat)> InsideAsync(string code)
    {
        var xy = (await app.StringsAsync("""
            SELECT ST_X(p)::text || ' ' || ST_Y(p)::text FROM (SELECT ST_PointOnSurface(geom) p FROM admin_unit
            WHERE level = 'commune' AND code = @code AND valid_to IS NULL) s
            """, ("code", code))).Single().Split(' ');
        return (double.Parse(xy[0], System.Globalization.CultureInfo.InvariantCulture), double.Parse(xy[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<string> OtherCommuneAsync(List<string> mine) => (await app.StringsAsync(
        "SELECT code FROM admin_unit WHERE level = 'commune' AND valid_to IS NULL AND NOT (code = ANY(@codes)) ORDER BY code LIMIT 1",
        ("codes", mine.ToArray()))).Single();

    private static object Spot(double lon, double lat, string note = "ghi chú") => new
    {
        kind = "point", lon, lat, detectedOn = DateTime.Today.AddDays(-10).ToString("yyyy-MM-dd"), recordingUnit = "Công an xã", note,
    };

    [Fact]
    public async Task The_spot_layer_is_geojson_of_the_callers_area_and_filters_by_state()
    {
        var mine = await PoliceCommunesAsync();
        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");
        using var police = await ApiLogin.ClientForAsync(app, "police@diaban.local");
        var response = await leader.GetAsync("/api/spots?period=2025");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        var all = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.NotEmpty(all);
        var expected = await app.ScalarAsync<long>("""
            SELECT count(DISTINCT s.id) FROM drug_spot s JOIN drug_spot_step st ON st.spot_id = s.id
            WHERE st.review = 'verified' AND st.occurred_on <= DATE '2025-12-31'
            """);
        Assert.Equal(expected, all.Count);
        var eliminated = JsonDocument.Parse(await leader.GetStringAsync("/api/spots?period=2025&state=eliminated")).RootElement.GetProperty("features")
            .EnumerateArray().ToList();
        Assert.Equal(all.Count(f => f.GetProperty("properties").GetProperty("state").GetString() == "eliminated"), eliminated.Count);
        Assert.Equal(HttpStatusCode.BadRequest, (await leader.GetAsync("/api/spots?state=gone")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await leader.GetAsync("/api/spots?period=20x6")).StatusCode);

        // the officer's layer holds only spots recorded in his communes (or their predecessors)
        var his = JsonDocument.Parse(await police.GetStringAsync("/api/spots?period=2025")).RootElement.GetProperty("features").EnumerateArray().ToList();
        var allowed = await app.StringsAsync("""
            SELECT u.code FROM admin_unit u WHERE u.code = ANY(@codes)
            UNION SELECT o.code FROM unit_lineage l JOIN admin_unit n ON n.id = l.new_unit_id JOIN admin_unit o ON o.id = l.old_unit_id
            WHERE n.code = ANY(@codes) AND n.valid_to IS NULL
            """, ("codes", mine.ToArray()));
        Assert.True(his.Count < all.Count);
        Assert.All(his, f => Assert.Contains(f.GetProperty("properties").GetProperty("communeCode").GetString(), allowed));
        // counts: start + new + re-emerged − eliminated = remaining
        var counts = (await leader.GetFromJsonAsync<JsonElement>("/api/spots/counts?period=2025")).GetProperty("total");
        int C(string p) => counts.GetProperty(p).GetInt32();
        Assert.Equal(C("remaining"), C("atStart") + C("new") + C("reEmerged") - C("eliminated"));
        Assert.True(C("new") > 0 && C("eliminated") > 0);
    }

    [Fact]
    public async Task Police_enter_and_submit_only_inside_their_communes_and_never_verify_planners_neither_enter_nor_verify()
    {
        var mine = await PoliceCommunesAsync();
        var other = await OtherCommuneAsync(mine);
        var (lon, lat) = await InsideAsync(mine[0]);
        var (olon, olat) = await InsideAsync(other);
        using var police = await ApiLogin.ClientForAsync(app, "police@diaban.local");
        using var planner = await ApiLogin.ClientForAsync(app, "planner@diaban.local");
        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");

        Assert.Equal(HttpStatusCode.NotFound, (await police.PostAsJsonAsync("/api/spots", Spot(olon, olat))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await planner.PostAsJsonAsync("/api/spots", Spot(lon, lat))).StatusCode);
        var bad = await police.PostAsJsonAsync("/api/spots", new { kind = "house", lon, lat, detectedOn = "31/12/2025", recordingUnit = "" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("kind", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("detectedOn", out _));

        var created = await police.PostAsJsonAsync("/api/spots", Spot(lon, lat, "<img src=x onerror=alert(1)>"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var code = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await police.PostAsync($"/api/spots/{Uri.EscapeDataString(code)}/steps/1/submit", null)).StatusCode);
        // the enterer cannot verify his own entry, a planner cannot verify anything
        Assert.Equal(HttpStatusCode.Forbidden, (await police.PostAsync($"/api/spots/{Uri.EscapeDataString(code)}/steps/1/verify", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await planner.PostAsync($"/api/spots/{Uri.EscapeDataString(code)}/steps/1/verify", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await planner.PostAsJsonAsync($"/api/spots/{Uri.EscapeDataString(code)}/steps/1/return", new { reason = "x" })).StatusCode);
        Assert.Equal("submitted", await app.ScalarAsync<string>(
            "SELECT st.review FROM drug_spot_step st JOIN drug_spot s ON s.id = st.spot_id WHERE s.code = @c", ("c", code)));
        Assert.Equal(HttpStatusCode.OK, (await leader.PostAsync($"/api/spots/{Uri.EscapeDataString(code)}/steps/1/verify", null)).StatusCode);
        var listed = (await police.GetFromJsonAsync<List<JsonElement>>($"/api/spots/list?commune={mine[0]}"))!;
        var row = listed.Single(s => s.GetProperty("code").GetString() == code);
        Assert.Equal("<img src=x onerror=alert(1)>", row.GetProperty("steps")[0].GetProperty("note").GetString());

        // a spot outside his communes: not listed, not steppable, not submittable — as if it did not exist
        var foreign = await app.StringsAsync("""
            SELECT s.code FROM drug_spot s JOIN admin_unit u ON u.id = s.unit_id
            WHERE NOT (u.code = ANY(@codes)) AND u.valid_to IS NULL ORDER BY s.code LIMIT 1
            """, ("codes", mine.ToArray()));
        var f = Uri.EscapeDataString(foreign.Single());
        Assert.Empty((await police.GetFromJsonAsync<List<JsonElement>>($"/api/spots/list?commune={other}"))!);
        Assert.DoesNotContain((await police.GetFromJsonAsync<List<JsonElement>>("/api/spots/list"))!, s => s.GetProperty("code").GetString() == foreign.Single());
        Assert.Equal(HttpStatusCode.NotFound, (await police.PostAsJsonAsync($"/api/spots/{f}/steps",
            new { state = "eliminated", occurredOn = DateTime.Today.ToString("yyyy-MM-dd"), recordingUnit = "CA" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await police.PostAsync($"/api/spots/{f}/steps/1/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await police.PutAsJsonAsync($"/api/spots/{f}/steps/1",
            new { occurredOn = DateTime.Today.ToString("yyyy-MM-dd"), recordingUnit = "CA" })).StatusCode);

        // tips: the same rules
        object Tip(string commune) => new { commune, receivedOn = DateTime.Today.ToString("yyyy-MM-dd"), channel = "phone", summary = "Nghi mua bán" };
        Assert.Equal(HttpStatusCode.NotFound, (await police.PostAsJsonAsync("/api/tips", Tip(other))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await planner.PostAsJsonAsync("/api/tips", Tip(mine[0]))).StatusCode);
        var tip = await police.PostAsJsonAsync("/api/tips", Tip(mine[0]));
        Assert.Equal(HttpStatusCode.Created, tip.StatusCode);
        var id = (await tip.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString();
        Assert.Equal(HttpStatusCode.OK, (await police.PostAsync($"/api/tips/{id}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await police.PostAsync($"/api/tips/{id}/verify", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await planner.PostAsync($"/api/tips/{id}/verify", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await leader.PostAsync($"/api/tips/{id}/verify", null)).StatusCode);
        var foreignTip = await app.ScalarAsync<long>("SELECT min(t.id) FROM tip t JOIN admin_unit u ON u.id = t.unit_id WHERE NOT (u.code = ANY(@codes))",
            ("codes", mine.ToArray()));
        Assert.Equal(HttpStatusCode.NotFound, (await police.PutAsJsonAsync($"/api/tips/{foreignTip}", Tip(mine[0]))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await police.PostAsync($"/api/tips/{foreignTip}/submit", null)).StatusCode);
        var tips = (await police.GetFromJsonAsync<JsonElement>($"/api/tips?period={DateTime.Today.Year}&size=500")).GetProperty("items").EnumerateArray().ToList();
        Assert.All(tips, t => Assert.Contains(t.GetProperty("communeCode").GetString(), mine));
        Assert.Contains(tips, t => t.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) == id);

        // every accepted write and decision is in the audit trail under its actor
        Assert.True(await app.ScalarAsync<long>("SELECT count(*) FROM audit_entry WHERE entity IN ('drug_spot', 'drug_spot_step', 'tip') AND actor = 'web:police@diaban.local'") >= 4);
        Assert.True(await app.ScalarAsync<long>("SELECT count(*) FROM audit_entry WHERE entity IN ('drug_spot_step', 'tip') AND actor = 'web:leader@diaban.local'") >= 2);
        Assert.Equal(0, await app.ScalarAsync<long>("SELECT count(*) FROM audit_entry WHERE entity IN ('drug_spot', 'drug_spot_step', 'tip') AND actor = 'web:planner@diaban.local'"));
    }

    [Fact]
    public async Task The_tip_list_is_read_a_page_at_a_time_and_the_pages_make_up_the_whole_list()
    {
        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");
        var inDb = await app.ScalarAsync<long>("SELECT count(*) FROM tip WHERE received_on BETWEEN '2025-01-01' AND '2025-12-31'");
        Assert.True(inDb > 7, "the demo has tips in 2025");
        var first = await leader.GetFromJsonAsync<JsonElement>("/api/tips?period=2025&size=7");
        Assert.Equal(inDb, first.GetProperty("total").GetInt64()); // the leader's area is the demo province, all of the demo's tips
        Assert.Equal((int)((inDb + 6) / 7), first.GetProperty("pages").GetInt32());
        var ids = new List<long>();
        for (var page = 1; page <= first.GetProperty("pages").GetInt32(); page++)
        {
            var body = await leader.GetFromJsonAsync<JsonElement>($"/api/tips?period=2025&size=7&page={page}");
            Assert.Equal(page, body.GetProperty("page").GetInt32());
            ids.AddRange(body.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetInt64()));
        }
        Assert.Equal(inDb, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count()); // no row on two pages
        var whole = await leader.GetFromJsonAsync<JsonElement>("/api/tips?period=2025&size=500");
        if (inDb <= 500) Assert.Equal(ids, whole.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetInt64()));
        var past = await leader.GetFromJsonAsync<JsonElement>("/api/tips?period=2025&size=7&page=100000");
        Assert.Empty(past.GetProperty("items").EnumerateArray());
        Assert.Equal(inDb, past.GetProperty("total").GetInt64());
        foreach (var bad in new[] { "page=0", "size=0", "size=501", "page=-1" })
            Assert.Equal(HttpStatusCode.BadRequest, (await leader.GetAsync($"/api/tips?period=2025&{bad}")).StatusCode);
    }

    [Fact]
    public async Task The_resolution_rate_is_resolved_within_the_period_over_received_from_verified_tips()
    {
        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");
        var body = await leader.GetFromJsonAsync<JsonElement>("/api/tips/resolution?period=2025");
        var received = body.GetProperty("total").GetProperty("received").GetInt32();
        var resolved = body.GetProperty("total").GetProperty("resolved").GetInt32();
        Assert.Equal(await app.ScalarAsync<long>("SELECT count(*) FROM tip WHERE verified_state IS NOT NULL AND received_on BETWEEN '2025-01-01' AND '2025-12-31'"), received);
        Assert.Equal(await app.ScalarAsync<long>("""
            SELECT count(*) FROM tip WHERE verified_state = 'resolved' AND received_on BETWEEN '2025-01-01' AND '2025-12-31' AND verified_resolved_on <= '2025-12-31'
            """), resolved);
        Assert.True(received > 0);
        Assert.Equal(100.0 * resolved / received, body.GetProperty("ratePercent").GetDouble(), 9);
    }

    [Fact]
    public async Task Lists_give_the_codes_the_api_takes_in_and_a_refused_text_names_its_field_and_limit()
    {
        var mine = await PoliceCommunesAsync();
        var (lon, lat) = await InsideAsync(mine[0]);
        using var police = await ApiLogin.ClientForAsync(app, "police@diaban.local");
        var created = await police.PostAsJsonAsync("/api/spots", Spot(lon, lat));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var code = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        var spot = (await police.GetFromJsonAsync<List<JsonElement>>($"/api/spots/list?commune={mine[0]}"))!
            .Single(s => s.GetProperty("code").GetString() == code);
        // kinds and states as the codes a client sends (they were enum numbers: 0, 1, 2)
        Assert.Equal("point", spot.GetProperty("kind").GetString());
        var step = spot.GetProperty("steps")[0];
        Assert.Equal("detected", step.GetProperty("state").GetString());
        Assert.Equal("draft", step.GetProperty("review").GetString());

        var today = DateTime.Today.ToString("yyyy-MM-dd");
        var tip = await police.PostAsJsonAsync("/api/tips", new { commune = mine[0], receivedOn = today, channel = "in_person", summary = "Tin báo mã" });
        Assert.Equal(HttpStatusCode.Created, tip.StatusCode);
        var id = (await tip.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString();
        var listed = (await police.GetFromJsonAsync<JsonElement>($"/api/tips?period={DateTime.Today.Year}&size=500")).GetProperty("items").EnumerateArray()
            .Single(t => t.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) == id);
        Assert.Equal("in_person", listed.GetProperty("channel").GetString());
        Assert.Equal("received", listed.GetProperty("state").GetString());
        Assert.Equal("draft", listed.GetProperty("review").GetString());

        // too long: the field, the limit and what was given (it said "invalid text")
        var longSummary = await police.PostAsJsonAsync("/api/tips", new { commune = mine[0], receivedOn = today, channel = "phone", summary = new string('a', 1001) });
        Assert.Equal(HttpStatusCode.BadRequest, longSummary.StatusCode);
        var summaryError = (await longSummary.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("summary")[0].GetString()!;
        Assert.Contains("1000", summaryError);
        Assert.Contains("1001", summaryError);
        // a long recording unit on an edited step is refused under its own name (it was reported as "note")
        var edit = await police.PutAsJsonAsync($"/api/spots/{Uri.EscapeDataString(code)}/steps/1",
            new { occurredOn = today, recordingUnit = new string('u', 201), note = "ghi chú" });
        Assert.Equal(HttpStatusCode.BadRequest, edit.StatusCode);
        var errors = (await edit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("200", errors.GetProperty("recordingUnit")[0].GetString());
        Assert.False(errors.TryGetProperty("note", out _));
        // a date typed the Vietnamese way is refused with the expected format
        var badDate = await police.PostAsJsonAsync("/api/tips", new { commune = mine[0], receivedOn = DateTime.Today.ToString("dd/MM/yyyy"), channel = "phone", summary = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Contains("yyyy-MM-dd", (await badDate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("receivedOn")[0].GetString());
    }
}
