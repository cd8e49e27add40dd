using System.Text.Json;
using DiaBan.Analytics.Classification;
using DiaBan.Geo.Data;
using DiaBan.Geo.Import;
using DiaBan.Geo.Services;
using DiaBan.Geo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DiaBan.Geo.Tests.Services;

/// <summary>
/// A hand-checkable merger: the example communes 32001 + 32002 merge whole into 40001 on 1/7/2025, 32003 becomes
/// 40003. Figures for the merged unit are recomputed (lineage sums, incidents re-joined), never carried over.
/// </summary>
public class YearClassifierTests(YearClassifierTests.Fixture fx) : IClassFixture<YearClassifierTests.Fixture>
{
    public sealed class Fixture : DatabaseFixture
    {
        public static readonly DateOnly Switch = new(2025, 7, 1);
        public YearClassification Y2024 { get; private set; } = null!;
        public YearClassification Y2025 { get; private set; } = null!;
        public YearClassification Y2026 { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            using var tmp = new TempFiles();
            await using var db = CreateDb();
            await new BoundaryImporter(db).ImportAsync(Examples.File("communes.geojson"), new BoundaryImportOptions
            {
                Level = UnitLevel.Commune, ValidFrom = Examples.From, ValidTo = Switch, CodeField = "code", NameField = "name",
                PopulationField = "population",
            });
            var merged = tmp.Write("merged.geojson", """
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","properties":{"code":"40001","name":"Phường Hợp Nhất"},"geometry":{"type":"Polygon","coordinates":[[[105.0,9.1],[105.2,9.1],[105.2,9.2],[105.0,9.2],[105.0,9.1]]]}},
                 {"type":"Feature","properties":{"code":"40003","name":"Xã Ba Mới"},"geometry":{"type":"Polygon","coordinates":[[[105.0,9.0],[105.2,9.0],[105.2,9.1],[105.0,9.1],[105.0,9.0]]]}}]}
                """);
            await new BoundaryImporter(db).ImportAsync(merged, new BoundaryImportOptions
            {
                Level = UnitLevel.Commune, ValidFrom = Switch, CodeField = "code", NameField = "name",
            });
            await new LineageImporter(db).ImportAsync(tmp.Write("crosswalk.csv",
                "old_commune_code,new_commune_code,merge_type\n32001,40001,full\n32002,40001,full\n32003,40003,full\n"), Switch);
            await new IndicatorImporter(db).ImportAsync(tmp.Write("indicators.csv", """
                commune_code,year,population_resident,users_addicts_managed,harbouring_places_detected_in_period,offenders_arrested,plants_destroyed_count,plants_destroyed_m2,on_key_route
                32001,2025,12500,40,,,,,
                32002,2025,8100,6,,,,,
                40003,2026,10000,60,2,12,0,0,none
                """));
            await new IncidentImporter(db).ImportAsync(tmp.Write("incidents.csv", """
                id,occurred_on,kind,lon,lat,persons
                T-1,2024-05-05,arrest,105.05,9.15,7
                T-2,2025-03-10,arrest,105.05,9.15,3
                T-3,2025-09-01,arrest,105.15,9.15,2
                T-4,2025-10-01,use_site,105.12,9.18,
                T-5,2025-11-01,use_site,105.12,9.18,
                T-6,2025-12-31,plant_site,105.12,9.05,
                T-7,2024-08-08,seizure,105.05,9.1,
                """));
            var classifier = new YearClassifier(db);
            Y2024 = await classifier.ClassifyAsync(2024);
            Y2025 = await classifier.ClassifyAsync(2025);
            Y2026 = await classifier.ClassifyAsync(2026);
        }

        public async Task<StatusAssessment> AssessmentAsync(string code, int year)
        {
            await using var db = CreateDb();
            return await db.StatusAssessments.Include(a => a.Unit).SingleAsync(a => a.Unit.Code == code && a.Year == year);
        }
    }

    private static JsonElement Inputs(StatusAssessment a) => JsonDocument.Parse(a.Inputs).RootElement;

    [Fact]
    public void Each_year_uses_the_rule_set_in_force_on_31_december()
    {
        Assert.Equal(("decision-3122-2010", CriteriaRegime.Decision3122Of2010), (fx.Y2024.RuleSetId, fx.Y2024.Regime));
        Assert.Equal(("decision-28-2025", CriteriaRegime.Decision28Of2025), (fx.Y2025.RuleSetId, fx.Y2025.Regime));
        Assert.Equal("decision-28-2025", fx.Y2026.RuleSetId);
    }

    [Fact]
    public async Task Units_assessed_are_those_valid_at_the_years_end_so_no_status_crosses_the_merger()
    {
        Assert.Equal(3, fx.Y2024.Units);
        Assert.Equal(2, fx.Y2025.Units);
        await using var db = fx.CreateDb();
        var codes2025 = await db.StatusAssessments.Where(a => a.Year == 2025).Select(a => a.Unit.Code).OrderBy(c => c).ToListAsync();
        Assert.Equal(["40001", "40003"], codes2025);
        var codes2024 = await db.StatusAssessments.Where(a => a.Year == 2024).Select(a => a.Unit.Code).OrderBy(c => c).ToListAsync();
        Assert.Equal(["32001", "32002", "32003"], codes2024);
    }

    [Fact]
    public async Task Merged_unit_sums_its_predecessors_stocks_through_lineage_and_marks_them_estimated()
    {
        var a = await fx.AssessmentAsync("40001", 2025);
        var inputs = Inputs(a);
        Assert.Equal(40 + 6, inputs.GetProperty("users_addicts_managed").GetInt32());
        Assert.Equal(12500 + 8100, inputs.GetProperty("population_resident").GetInt32());
        Assert.Contains("users_addicts_managed:lineage", a.DerivedInputs);
        Assert.Contains("population_resident:lineage", a.DerivedInputs);
        Assert.True(a.Provisional);
    }

    [Fact]
    public async Task Merged_unit_counts_every_incident_of_the_year_inside_it_before_and_after_the_merger()
    {
        var inputs = Inputs(await fx.AssessmentAsync("40001", 2025));
        // arrests T-2 (3 persons, March, in old 32001) + T-3 (2 persons, September); T-1 is 2024
        Assert.Equal(5, inputs.GetProperty("offenders_arrested").GetInt32());
        // T-4 and T-5 are the same place found twice
        Assert.Equal(1, inputs.GetProperty("harbouring_places_detected_in_period").GetInt32());
        Assert.Equal(["harbouring_places_detected_in_period", "offenders_arrested", "plants_destroyed_count", "plants_destroyed_m2"],
            inputs.GetProperty("derived_from_incidents").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task An_incident_on_a_shared_border_counts_in_both_communes_not_only_the_one_it_was_assigned_to()
    {
        await using var db = fx.CreateDb();
        var ids = await db.AdminUnits.Where(u => u.Code.StartsWith("3200")).ToDictionaryAsync(u => u.Code, u => u.Id);
        // T-7 lies on the border of 32001 (north) and 32003 (south); the import assigned it to the lowest id
        Assert.Equal(ids["32001"], await db.Incidents.Where(i => i.ExternalId == "T-7").Select(i => i.UnitId).SingleAsync());
        var counts = await new FigureAssembler(db).IncidentCountsAsync(2024);
        Assert.Equal(2, counts[ids["32001"]].Incidents); // T-1 and T-7
        Assert.Equal(7, counts[ids["32001"]].Offenders);
        Assert.Equal(1, counts[ids["32003"]].Incidents); // T-7, by the ST_Covers rule
        Assert.Equal(0, counts[ids["32002"]].Incidents);
        // so 32003's flows are counted (zero), not missing
        Assert.Equal(0, Inputs(await fx.AssessmentAsync("32003", 2024)).GetProperty("offenders_arrested").GetInt32());
    }

    [Fact]
    public async Task A_year_without_incident_data_leaves_flows_unknown_rather_than_zero()
    {
        var a = await fx.AssessmentAsync("40001", 2026);
        Assert.False(Inputs(a).TryGetProperty("offenders_arrested", out _));
        // no figure and no incident at all: insufficient data, never "has drugs" by default
        Assert.Equal(CommuneStatus.InsufficientData, a.ComputedStatus);
    }

    [Fact]
    public async Task A_commune_that_reported_nothing_and_had_no_incident_has_no_zero_counts_and_is_insufficient_data()
    {
        // 2024 has incident data (T-1, in 32001), but 32002 reported nothing and had none: its zero is not evidence
        var quiet = await fx.AssessmentAsync("32002", 2024);
        Assert.False(Inputs(quiet).TryGetProperty("offenders_arrested", out _));
        Assert.Equal(CommuneStatus.InsufficientData, quiet.ComputedStatus);
        // 32001 had an arrest that year: the incident system covers it, so its other flows count as zero
        var active = Inputs(await fx.AssessmentAsync("32001", 2024));
        Assert.Equal(7, active.GetProperty("offenders_arrested").GetInt32());
        Assert.Equal(0, active.GetProperty("plants_destroyed_count").GetInt32());
    }

    [Fact]
    public async Task Reported_figures_meeting_three_type_I_criteria_give_key_type_I_with_each_criterion_recorded()
    {
        // 60/10 000 = 0.6 % ≥ 0.5 % (a); 2 places ≥ 2 (b); 12/10 000 = 0.12 % ≥ 0.1 % (c)
        var a = await fx.AssessmentAsync("40003", 2026);
        Assert.Equal(CommuneStatus.KeyTypeI, a.ComputedStatus);
        Assert.Empty(a.DerivedInputs);
        var typeI = JsonDocument.Parse(a.Criteria).RootElement.EnumerateArray().First(c => c.GetProperty("status").GetString() == "key_type_i");
        var held = typeI.GetProperty("criteria").EnumerateArray()
            .ToDictionary(c => c.GetProperty("code").GetString()!, c => c.GetProperty("held").ValueKind);
        Assert.Equal(JsonValueKind.True, held["a"]);
        Assert.Equal(JsonValueKind.True, held["b"]);
        Assert.Equal(JsonValueKind.True, held["c"]);
        Assert.Equal(JsonValueKind.False, held["d"]);
        var a0 = typeI.GetProperty("criteria").EnumerateArray().First().GetProperty("condition");
        Assert.Equal(0.006, a0.GetProperty("input").GetDouble(), 9);
        Assert.Equal(0.005, a0.GetProperty("value").GetDouble(), 9);
    }

    [Fact]
    public async Task Reclassifying_replaces_the_computed_part_and_keeps_the_official_status()
    {
        await using (var db = fx.CreateDb())
        {
            var row = await db.StatusAssessments.Include(a => a.Unit).SingleAsync(a => a.Unit.Code == "32003" && a.Year == 2024);
            row.OfficialStatus = CommuneStatus.KeyTypeII;
            row.OfficialBy = "Công an tỉnh";
            row.OfficialReason = "Quyết định công nhận số 12/QĐ-UBND";
            row.OfficialAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync();
            await new YearClassifier(db).ClassifyAsync(2024, "decision-28-2025");
        }
        var again = await fx.AssessmentAsync("32003", 2024);
        Assert.Equal((CommuneStatus.KeyTypeII, "Công an tỉnh"), (again.OfficialStatus, again.OfficialBy));
        Assert.Equal("decision-28-2025", again.RuleSetId);
        await using var check = fx.CreateDb();
        // the official decision was audited like any edit
        var updates = await check.AuditEntries.Where(e => e.Entity == "status_assessment" && e.Action == "update").ToListAsync();
        Assert.Contains(updates, e => e.Details.Contains("key_type_ii") && e.Details.Contains("Công an tỉnh"));
    }

    [Fact]
    public async Task Embedded_rule_sets_are_stored_so_an_administrator_can_edit_them()
    {
        await using var db = fx.CreateDb();
        var stored = await db.RuleSets.Select(r => r.Id).ToListAsync();
        Assert.Contains("decision-28-2025", stored);
        Assert.Contains("decision-3122-2010", stored);
    }
}
