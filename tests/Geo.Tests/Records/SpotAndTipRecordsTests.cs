using System.Text.Json;
using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Records;
using DiaBan.Geo.Data;
using DiaBan.Geo.Import;
using DiaBan.Geo.Queries;
using DiaBan.Geo.Services;
using DiaBan.Geo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DiaBan.Geo.Tests.Records;

/// <summary>
/// Drug spots and tips on the example communes (32001 [105.0–105.1 × 9.1–9.2], 32002 east of it, 32003 south), merged on
/// 1/7/2025 into 40001 (32001 + 32002) and 40003: entry and review in the area, counts from verified steps only, the
/// classifier reading them (reported figures first), the database guard on verified steps, and the tip resolution rate.
/// </summary>
public class SpotAndTipRecordsTests(SpotAndTipRecordsTests.Fixture fx) : IClassFixture<SpotAndTipRecordsTests.Fixture>
{
    public sealed class Fixture : DatabaseFixture
    {
        public static readonly DateOnly Switch = new(2025, 7, 1);
        public NpgsqlDataSource Source { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Source = NpgsqlDataSource.Create(ConnectionString);
            using var tmp = new TempFiles();
            await using var db = CreateDb();
            await new BoundaryImporter(db).ImportAsync(Examples.File("communes.geojson"), new BoundaryImportOptions
            {
                Level = UnitLevel.Commune, ValidFrom = Examples.From, ValidTo = Switch, CodeField = "code", NameField = "name",
                PopulationField = "population",
            });
            await new BoundaryImporter(db).ImportAsync(tmp.Write("merged.geojson", """
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","properties":{"code":"40001","name":"Phường Hợp Nhất"},"geometry":{"type":"Polygon","coordinates":[[[105.0,9.1],[105.2,9.1],[105.2,9.2],[105.0,9.2],[105.0,9.1]]]}},
                 {"type":"Feature","properties":{"code":"40003","name":"Xã Ba Mới"},"geometry":{"type":"Polygon","coordinates":[[[105.0,9.0],[105.2,9.0],[105.2,9.1],[105.0,9.1],[105.0,9.0]]]}}]}
                """), new BoundaryImportOptions { Level = UnitLevel.Commune, ValidFrom = Switch, CodeField = "code", NameField = "name" });
            await new LineageImporter(db).ImportAsync(tmp.Write("crosswalk.csv",
                "old_commune_code,new_commune_code,merge_type\n32001,40001,full\n32002,40001,full\n32003,40003,full\n"), Switch);
        }

        public SpotStore Spots(DiaBanDb db) => new(db, Source, TimeProvider.System);

        public SpotQueries Reads => new(Source);
    }

    private static readonly AreaScope Police = AreaScope.Communes(["32001"]);
    private static readonly AreaScope Province = AreaScope.Everything;

    private async Task<string> RecordVerifiedAsync(double lon, double lat, DateOnly on, SpotKind kind = SpotKind.Point, AreaScope? scope = null)
    {
        await using var db = fx.CreateDb();
        var store = fx.Spots(db);
        var made = await store.RecordAsync(new NewSpot(kind, lon, lat, on, "Công an xã", "Nhà trọ bỏ hoang", null), "web:police", scope ?? Police);
        Assert.Equal(WriteOutcome.Done, made.Outcome);
        await VerifyAsync(made.Value!, 1);
        return made.Value!;
    }

    private async Task VerifyAsync(string code, int seq)
    {
        await using var db = fx.CreateDb();
        var store = fx.Spots(db);
        Assert.Equal(WriteOutcome.Done, (await store.ReviewAsync(code, seq, ReviewAction.Submit, null, "web:police", false, Province)).Outcome);
        Assert.Equal(WriteOutcome.Done, (await store.ReviewAsync(code, seq, ReviewAction.Verify, null, "web:leader", true, Province)).Outcome);
    }

    private async Task StepVerifiedAsync(string code, SpotState state, DateOnly on)
    {
        await using var db = fx.CreateDb();
        var added = await fx.Spots(db).AddStepAsync(code, new NewSpotStep(state, on, "Công an xã", null), "web:police", Province);
        Assert.Equal(WriteOutcome.Done, added.Outcome);
        var seq = (await fx.Reads.ListAsync(Province, spotCode: code)).Single().Steps.Count;
        await VerifyAsync(code, seq);
    }

    [Fact]
    public async Task Police_record_only_inside_their_communes_and_only_verified_steps_count()
    {
        await using var db = fx.CreateDb();
        var store = fx.Spots(db);
        // (105.15, 9.15) lies in 32002, not his
        var outside = await store.RecordAsync(new NewSpot(SpotKind.Point, 105.15, 9.15, new DateOnly(2023, 3, 1), "CA", null, null), "web:police", Police);
        Assert.Equal(WriteOutcome.NotFound, outside.Outcome);
        // outside every commune
        Assert.Equal(WriteOutcome.NotFound, (await store.RecordAsync(new NewSpot(SpotKind.Point, 100, 20, new DateOnly(2023, 3, 1), "CA", null, null),
            "web:police", Province)).Outcome);
        var made = await store.RecordAsync(new NewSpot(SpotKind.Hotspot, 105.04, 9.13, new DateOnly(2023, 3, 1), "CA xã Một", "Quán nước", "<b>ghi chú</b>"),
            "web:police", Police);
        Assert.Equal(WriteOutcome.Done, made.Outcome);
        Assert.StartsWith("DS-32001-2023-", made.Value);
        var year = ReportPeriod.Year(2023);
        Assert.Equal(SpotCounts.Zero, (await fx.Reads.CountsAsync(Province, year)).Total); // draft
        Assert.Equal(WriteOutcome.Forbidden, (await store.ReviewAsync(made.Value!, 1, ReviewAction.Verify, null, "web:police", false, Police)).Outcome);
        Assert.Equal(WriteOutcome.Conflict, (await store.ReviewAsync(made.Value!, 1, ReviewAction.Verify, null, "web:leader", true, Province)).Outcome);
        Assert.Equal(WriteOutcome.Done, (await store.ReviewAsync(made.Value!, 1, ReviewAction.Submit, null, "web:police", false, Police)).Outcome);
        Assert.Equal(SpotCounts.Zero, (await fx.Reads.CountsAsync(Province, year)).Total); // submitted
        // a police officer of another commune sees nothing and cannot act on it
        var elsewhere = AreaScope.Communes(["32003"]);
        Assert.DoesNotContain(await fx.Reads.ListAsync(elsewhere), s => s.Code == made.Value);
        Assert.Equal(WriteOutcome.NotFound, (await store.ReviewAsync(made.Value!, 1, ReviewAction.Verify, null, "web:x", true, elsewhere)).Outcome);
        Assert.Equal(WriteOutcome.Invalid, (await store.ReviewAsync(made.Value!, 1, ReviewAction.Return, " ", "web:leader", true, Province)).Outcome);
        Assert.Equal(WriteOutcome.Done, (await store.ReviewAsync(made.Value!, 1, ReviewAction.Return, "Thiếu mô tả", "web:leader", true, Province)).Outcome);
        Assert.Equal(WriteOutcome.Done, (await store.EditStepAsync(made.Value!, 1, new DateOnly(2023, 3, 2), "CA xã Một", "đã bổ sung", "web:police", Police)).Outcome);
        Assert.Equal(WriteOutcome.Done, (await store.ReviewAsync(made.Value!, 1, ReviewAction.Submit, null, "web:police", false, Police)).Outcome);
        Assert.Equal(WriteOutcome.Done, (await store.ReviewAsync(made.Value!, 1, ReviewAction.Verify, null, "web:leader", true, Province)).Outcome);
        Assert.Equal(new SpotCounts(0, 1, 0, 0, 1), (await fx.Reads.CountsAsync(Police, year)).Total);
        // a step may not skip the lifecycle, nor be added while another waits
        Assert.Equal(WriteOutcome.Invalid, (await store.AddStepAsync(made.Value!, new NewSpotStep(SpotState.ReEmerged, new DateOnly(2023, 5, 1), "CA", null),
            "web:police", Police)).Outcome);
        Assert.Equal(WriteOutcome.Done, (await store.AddStepAsync(made.Value!, new NewSpotStep(SpotState.Eliminated, new DateOnly(2023, 6, 1), "CA", null),
            "web:police", Police)).Outcome);
        Assert.Equal(WriteOutcome.Conflict, (await store.AddStepAsync(made.Value!, new NewSpotStep(SpotState.ReEmerged, new DateOnly(2023, 7, 1), "CA", null),
            "web:police", Police)).Outcome);
        Assert.Equal(new SpotCounts(0, 1, 0, 0, 1), (await fx.Reads.CountsAsync(Police, year)).Total); // elimination still a draft
        await VerifyAsync(made.Value!, 2);
        Assert.Equal(new SpotCounts(0, 1, 1, 0, 0), (await fx.Reads.CountsAsync(Police, year)).Total);
        // every write was audited, the note kept as typed (the page shows it as text)
        var row = (await fx.Reads.ListAsync(Police, spotCode: made.Value)).Single();
        Assert.Equal("đã bổ sung", row.Steps[0].Note);
        Assert.True(await db.AuditEntries.CountAsync(e => e.Entity == "drug_spot_step") >= 7);
    }

    [Fact]
    public async Task Verified_steps_are_final_and_never_deleted_in_the_database()
    {
        // in old 32003, long gone by the years the other tests count
        var code = await RecordVerifiedAsync(105.1, 9.05, new DateOnly(2020, 3, 10), scope: Province);
        await StepVerifiedAsync(code, SpotState.Eliminated, new DateOnly(2020, 4, 1));
        await using var c = await fx.Source.OpenConnectionAsync();
        var update = new NpgsqlCommand($"UPDATE drug_spot_step SET note = 'x' WHERE spot_id = (SELECT id FROM drug_spot WHERE code = '{code}')", c);
        Assert.Contains("final", (await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync())).MessageText);
        var delete = new NpgsqlCommand($"DELETE FROM drug_spot_step WHERE spot_id = (SELECT id FROM drug_spot WHERE code = '{code}')", c);
        Assert.Contains("append-only", (await Assert.ThrowsAsync<PostgresException>(() => delete.ExecuteNonQueryAsync())).MessageText);
    }

    [Fact]
    public async Task The_classifier_reads_recorded_spots_across_the_merger_and_reported_figures_stay_first()
    {
        // 2024 in old 32001: A found and still active; B found and eliminated within the year; A eliminated in 2025, re-emerged in September
        var a = await RecordVerifiedAsync(105.05, 9.15, new DateOnly(2024, 3, 1), SpotKind.Hotspot);
        var b = await RecordVerifiedAsync(105.06, 9.16, new DateOnly(2024, 6, 1));
        await StepVerifiedAsync(b, SpotState.Eliminated, new DateOnly(2024, 10, 1));
        await StepVerifiedAsync(a, SpotState.Eliminated, new DateOnly(2025, 2, 1));
        await StepVerifiedAsync(a, SpotState.ReEmerged, new DateOnly(2025, 9, 1));
        // in 40003 (after the merger), with the commune's own report for 2026
        await RecordVerifiedAsync(105.1, 9.05, new DateOnly(2026, 2, 1), scope: Province);
        using (var tmp = new TempFiles())
        await using (var db0 = fx.CreateDb())
        {
            await new IndicatorImporter(db0).ImportAsync(tmp.Write("indicators.csv",
                "commune_code,year,population_resident,harbouring_places_detected_in_period\n40003,2026,10000,3\n"));
        }

        await using var db = fx.CreateDb();
        var classifier = new YearClassifier(db);
        await classifier.ClassifyAsync(2024);
        await classifier.ClassifyAsync(2025);
        await classifier.ClassifyAsync(2026);
        async Task<(JsonElement Inputs, List<string> Derived)> Read(string code, int year)
        {
            var s = await db.StatusAssessments.AsNoTracking().SingleAsync(x => x.Unit.Code == code && x.Year == year);
            return (JsonDocument.Parse(s.Inputs).RootElement, s.DerivedInputs);
        }
        var (y2024, d2024) = await Read("32001", 2024);
        Assert.Equal(2, y2024.GetProperty("harbouring_places_detected_in_period").GetInt32()); // A and B found
        Assert.Equal(1, y2024.GetProperty("harbouring_places_active_at_end").GetInt32());      // A
        Assert.Equal(1, y2024.GetProperty("hotspots").GetInt32());                              // A is a tụ điểm
        Assert.Contains("harbouring_places_detected_in_period:spots", d2024);
        Assert.Contains("harbouring_places_active_at_end:spots", d2024);
        // the merged 40001 gets its predecessors' spots by location: A re-emerged in 2025
        var (y2025, _) = await Read("40001", 2025);
        Assert.Equal(1, y2025.GetProperty("harbouring_places_detected_in_period").GetInt32());
        Assert.Equal(1, y2025.GetProperty("harbouring_places_active_at_end").GetInt32());
        // a commune without spot records keeps the old sources (32002 has none: no figure at all)
        var (q2024, _) = await Read("32002", 2024);
        Assert.False(q2024.TryGetProperty("harbouring_places_detected_in_period", out _));
        // the reported figure wins over the one recorded spot
        var (y2026, d2026) = await Read("40003", 2026);
        Assert.Equal(3, y2026.GetProperty("harbouring_places_detected_in_period").GetInt32());
        Assert.DoesNotContain("harbouring_places_detected_in_period:spots", d2026);
        Assert.Contains("harbouring_places_active_at_end:spots", d2026);
        Assert.Equal(1, y2026.GetProperty("harbouring_places_active_at_end").GetInt32());

        // and the report's table reads the same counts (the same period last year beside them)
        var report = await new SpotQueries(fx.Source).CountsAsync(AreaScope.Communes(["40001"]), ReportPeriod.Year(2025));
        Assert.Equal(new SpotCounts(1, 0, 1, 1, 1), report.Total);
    }

    [Fact]
    public async Task A_spot_is_listed_under_the_commune_valid_on_the_viewed_date_across_the_merger()
    {
        // the walkthrough's /diem listed a 2024 spot under its pre-merger commune in 2026: the list and the map layer name
        // the commune valid on the viewed date (the recorded one while valid, else its unit_lineage successor/predecessor)
        // (both eliminated soon after: the fixture's database is shared, the classifier test counts the open spots)
        var old = await RecordVerifiedAsync(105.04, 9.14, new DateOnly(2022, 4, 2));
        await StepVerifiedAsync(old, SpotState.Eliminated, new DateOnly(2022, 9, 1));
        var recent = await RecordVerifiedAsync(105.11, 9.04, new DateOnly(2026, 2, 3), scope: Province);
        await StepVerifiedAsync(recent, SpotState.Eliminated, new DateOnly(2026, 3, 1));
        async Task<(string Code, string Name)> On(string spot, DateOnly day)
        {
            var row = (await fx.Reads.ListAsync(Province, spotCode: spot, on: day)).Single();
            return (row.CommuneCode, row.CommuneName);
        }
        Assert.Equal("32001", (await On(old, new DateOnly(2022, 12, 31))).Code);
        Assert.Equal("32001", (await On(old, new DateOnly(2025, 6, 30))).Code);
        Assert.Equal(("40001", "Phường Hợp Nhất"), await On(old, new DateOnly(2025, 7, 1)));
        Assert.Equal(("40001", "Phường Hợp Nhất"), await On(old, new DateOnly(2026, 11, 30)));
        Assert.Equal(("40003", "Xã Ba Mới"), await On(recent, new DateOnly(2026, 11, 30)));
        Assert.Equal("32003", (await On(recent, new DateOnly(2024, 12, 31))).Code);
        // the commune filter by the new code finds the old spot, and the 2026 list groups it there
        Assert.Contains((await fx.Reads.ListAsync(Province, communeCode: "40001", on: new DateOnly(2026, 1, 1))), r => r.Code == old);
        var counts = await fx.Reads.CountsAsync(Province, ReportPeriod.Year(2026));
        Assert.DoesNotContain(counts.Communes, c => c.Code == "32001");
        Assert.Contains(counts.Communes, c => c.Code == "40001");
        // the map layer of the same date names the same commune
        using var layer = JsonDocument.Parse(await fx.Reads.GeoJsonAsync(Province, null, new DateOnly(2026, 11, 30)));
        var feature = layer.RootElement.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("id").GetString() == old);
        Assert.Equal("40001", feature.GetProperty("properties").GetProperty("communeCode").GetString());
        Assert.Equal("Phường Hợp Nhất", feature.GetProperty("properties").GetProperty("communeName").GetString());
    }

    [Fact]
    public async Task The_tips_list_is_read_a_page_at_a_time_on_the_server_inside_the_area()
    {
        await using var db = fx.CreateDb();
        var store = new TipStore(db, fx.Source, TimeProvider.System);
        var reads = new TipQueries(fx.Source);
        var ids = new List<long>();
        for (int d = 1; d <= 7; d++)
        {
            var r = await store.CreateAsync(new TipInput("32002", new DateOnly(2023, 5, d), TipChannel.Phone, $"Tin {d}", TipState.Received, null, null),
                "web:police", Province);
            Assert.Equal(WriteOutcome.Done, r.Outcome);
            ids.Add(long.Parse(r.Value!, System.Globalization.CultureInfo.InvariantCulture));
        }
        foreach (var d in new[] { 2, 3 })
            Assert.Equal(WriteOutcome.Done, (await store.CreateAsync(new TipInput("32001", new DateOnly(2023, 6, d), TipChannel.Letter, "Khác", TipState.Received,
                null, null), "web:police", Province)).Outcome);
        var (from, to) = (new DateOnly(2023, 1, 1), new DateOnly(2024, 1, 1));
        var area = AreaScope.Communes(["32002"]);
        // newest first, the same order as the whole list; the total counts the whole list of the area only
        var all = await reads.ListAsync(area, from, to);
        Assert.Equal(7, all.Count);
        var second = await reads.PageAsync(area, from, to, new PageRequest(2, 3));
        Assert.Equal(7, second.Total);
        Assert.Equal(3, second.Pages);
        Assert.Equal([ids[3], ids[2], ids[1]], second.Items.Select(t => t.Id));
        Assert.True(second.HasPrevious && second.HasNext);
        var last = await reads.PageAsync(area, from, to, new PageRequest(3, 3));
        Assert.Equal([ids[0]], last.Items.Select(t => t.Id));
        Assert.False(last.HasNext);
        var past = await reads.PageAsync(area, from, to, new PageRequest(4, 3));
        Assert.Empty(past.Items);
        Assert.Equal(7, past.Total);
        Assert.Equal(2, (await reads.PageAsync(Police, from, to, new PageRequest(1, 50))).Total);
        Assert.Equal(9, (await reads.PageAsync(Province, from, to, new PageRequest(1, 50))).Items.Count);
        Assert.Equal(0, (await reads.PageAsync(AreaScope.Nothing, from, to, new PageRequest(1, 50))).Total);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PageRequest(0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PageRequest(1, PageRequest.MaxSize + 1));
    }

    [Fact]
    public async Task Tips_count_once_verified_and_the_rate_is_resolved_within_the_period_over_received()
    {
        var scope = AreaScope.Communes(["32003"]);
        await using var db = fx.CreateDb();
        var store = new TipStore(db, fx.Source, TimeProvider.System);
        var reads = new TipQueries(fx.Source);
        var half = ReportPeriod.Half(2024, 1);
        async Task<long> Enter(DateOnly on)
        {
            var r = await store.CreateAsync(new TipInput("32003", on, TipChannel.Phone, "Nghi có người sử dụng", TipState.Received, null, null), "web:police", scope);
            Assert.Equal(WriteOutcome.Done, r.Outcome);
            var id = long.Parse(r.Value!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(WriteOutcome.Done, (await store.ReviewAsync(id, ReviewAction.Submit, null, "web:police", false, scope)).Outcome);
            Assert.Equal(WriteOutcome.Done, (await store.ReviewAsync(id, ReviewAction.Verify, null, "web:leader", true, Province)).Outcome);
            return id;
        }
        Assert.Equal(WriteOutcome.NotFound, (await store.CreateAsync(new TipInput("32001", new DateOnly(2024, 2, 1), TipChannel.Phone, "x", TipState.Received,
            null, null), "web:police", scope)).Outcome);
        var first = await Enter(new DateOnly(2024, 2, 1));
        var second = await Enter(new DateOnly(2024, 3, 1));
        Assert.Equal(new TipResolution(2, 0), (await reads.ResolutionAsync(scope, half)).Total);
        // resolving is a change reviewed again: until verified the tip still counts as received, not resolved
        var resolve = new TipInput("32003", new DateOnly(2024, 2, 1), TipChannel.Phone, "Nghi có người sử dụng", TipState.Resolved,
            TipOutcome.Confirmed, new DateOnly(2024, 4, 10));
        Assert.Equal(WriteOutcome.Done, (await store.UpdateAsync(first, resolve, "web:police", scope)).Outcome);
        Assert.Equal(new TipResolution(2, 0), (await reads.ResolutionAsync(scope, half)).Total);
        Assert.Equal(WriteOutcome.Done, (await store.ReviewAsync(first, ReviewAction.Submit, null, "web:police", false, scope)).Outcome);
        Assert.Equal(WriteOutcome.Done, (await store.ReviewAsync(first, ReviewAction.Verify, null, "web:leader", true, Province)).Outcome);
        var total = (await reads.ResolutionAsync(scope, half)).Total;
        Assert.Equal(new TipResolution(2, 1), total);
        Assert.Equal(50.0, total.RatePercent);
        // resolved after the period's end: pending for that period
        Assert.Equal(WriteOutcome.Done, (await store.UpdateAsync(second, resolve with { ReceivedOn = new DateOnly(2024, 3, 1), ResolvedOn = new DateOnly(2024, 7, 2) },
            "web:police", scope)).Outcome);
        await store.ReviewAsync(second, ReviewAction.Submit, null, "web:police", false, scope);
        await store.ReviewAsync(second, ReviewAction.Verify, null, "web:leader", true, Province);
        Assert.Equal(new TipResolution(2, 1), (await reads.ResolutionAsync(scope, half)).Total);
        Assert.Equal(new TipResolution(2, 2), (await reads.ResolutionAsync(scope, ReportPeriod.Year(2024))).Total);
        // a resolved, verified tip cannot go back
        Assert.Equal(WriteOutcome.Invalid, (await store.UpdateAsync(first, resolve with { State = TipState.Checking, Outcome = null, ResolvedOn = null },
            "web:police", scope)).Outcome);
    }
}
