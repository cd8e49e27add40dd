using System.Text.Json.Nodes;
using DiaBan.Analytics.Classification;

namespace DiaBan.Analytics.Tests.Classification;

/// <summary>Rule sets are data: shipped as JSON, picked by date, editable without a code change.</summary>
public class RuleSetCatalogTests
{
    [Fact]
    public void Catalog_ships_Decision_3122_of_2010_and_Decision_28_of_2025()
    {
        var ids = RuleSetCatalog.Embedded.RuleSets.Select(r => r.Id).Order().ToArray();

        Assert.Equal(["decision-28-2025", "decision-3122-2010"], ids);
        Assert.Equal(CriteriaRegime.Decision28Of2025, ShippedRuleSets.Decision28.Regime);
        Assert.Equal(CriteriaRegime.Decision3122Of2010, ShippedRuleSets.Decision3122.Regime);
    }

    [Fact]
    public void Decision_28_applies_from_24_August_2025_and_3122_the_day_before()
    {
        var before = RuleSetCatalog.Embedded.ForDate(new DateOnly(2025, 8, 23));
        var from = RuleSetCatalog.Embedded.ForDate(new DateOnly(2025, 8, 24));

        Assert.Equal("decision-3122-2010", before.Id);
        Assert.Equal("decision-28-2025", from.Id);
        Assert.Equal("decision-28-2025", RuleSetCatalog.Embedded.ForDate(new DateOnly(2030, 1, 1)).Id);
        Assert.Equal("decision-3122-2010", RuleSetCatalog.Embedded.ForDate(new DateOnly(2019, 12, 31)).Id);
    }

    [Fact]
    public void The_same_figures_on_either_side_of_the_regime_break_carry_the_regime_they_were_computed_under()
    {
        var figures = Commune.Quiet();

        var before = StatusClassifier.Classify(RuleSetCatalog.Embedded.ForDate(new DateOnly(2025, 8, 23)), figures);
        var after = StatusClassifier.Classify(RuleSetCatalog.Embedded.ForDate(new DateOnly(2025, 8, 24)), figures);

        Assert.Equal(CriteriaRegime.Decision3122Of2010, before.Regime);
        Assert.Equal(CommuneStatus.NoDrugVice, before.Status);
        Assert.Equal(CriteriaRegime.Decision28Of2025, after.Regime);
        Assert.Equal(CommuneStatus.DrugFree, after.Status);
        Assert.Equal(("decision-28-2025", 1), (after.RuleSetId, after.RuleSetVersion));
    }

    [Fact]
    public void No_rule_set_before_Decision_3122_was_signed()
    {
        Assert.False(RuleSetCatalog.Embedded.TryForDate(new DateOnly(2010, 8, 8), out _));
        Assert.Throws<InvalidOperationException>(() => RuleSetCatalog.Embedded.ForDate(new DateOnly(2009, 1, 1)));
    }

    [Fact]
    public void Later_version_of_a_rule_set_wins_on_the_same_dates()
    {
        var v2 = ShippedRuleSets.Decision28 with { Version = 2, Name = "sửa đổi" };
        var catalog = new RuleSetCatalog([ShippedRuleSets.Decision3122, ShippedRuleSets.Decision28, v2]);

        Assert.Equal(2, catalog.ForDate(new DateOnly(2026, 1, 1)).Version);
        Assert.Equal(1, catalog.Find("decision-28-2025", 1)!.Version);
        Assert.Equal(2, catalog.Find("decision-28-2025")!.Version);
    }

    [Fact]
    public void Shipped_rule_sets_survive_a_JSON_round_trip_unchanged()
    {
        foreach (var ruleSet in RuleSetCatalog.Embedded.RuleSets)
        {
            var json = RuleSetCatalog.ToJson(ruleSet);
            Assert.Equal(json, RuleSetCatalog.ToJson(RuleSetCatalog.Parse(json)));
        }
    }

    [Fact]
    public void Stored_JSON_keeps_Vietnamese_readable_and_uses_the_stable_codes()
    {
        var json = RuleSetCatalog.ToJson(ShippedRuleSets.Decision28);

        Assert.Contains("\"status\": \"key_type_i\"", json);
        Assert.Contains("\"regime\": \"28\"", json);
        Assert.Contains("\"op\": \">=\"", json);
        Assert.Contains("trọng điểm phức tạp", json);
    }

    [Fact]
    public void Threshold_edited_in_memory_changes_the_classification_after_a_round_trip()
    {
        // two harbouring places, 0.6 % users and 0.12 % arrests: type I under the shipped b >= 2
        var figures = Commune.Quiet() with { HarbouringPlacesDetectedInPeriod = 2, UsersAddictsManaged = 60, OffendersArrested = 12 };
        var shipped = ShippedRuleSets.Decision28;
        var typeI = shipped.Classes[0];
        var b = typeI.Criteria.Single(c => c.Code == "b");
        var stricterB = b with { Condition = b.Condition! with { Value = 3 } };
        var edited = shipped with
        {
            Version = 2,
            Classes = [typeI with { Criteria = typeI.Criteria.Select(c => c.Code == "b" ? stricterB : c).ToArray() }, .. shipped.Classes.Skip(1)],
        };

        var reloaded = RuleSetCatalog.Parse(RuleSetCatalog.ToJson(edited));

        Assert.Equal(CommuneStatus.KeyTypeI, StatusClassifier.Classify(shipped, figures).Status);
        Assert.NotEqual(CommuneStatus.KeyTypeI, StatusClassifier.Classify(reloaded, figures).Status);
        Assert.Equal(2, StatusClassifier.Classify(reloaded, figures).RuleSetVersion);
    }

    [Fact]
    public void Administrator_can_confirm_a_threshold_by_editing_the_JSON()
    {
        // type I by a, b and the route criterion: provisional until the referenced type of đ is confirmed
        var figures = Commune.Quiet() with { HarbouringPlacesDetectedInPeriod = 2, UsersAddictsManaged = 60, OnKeyRoute = true };
        var node = JsonNode.Parse(RuleSetCatalog.ToJson(ShippedRuleSets.Decision28))!;
        var route = node["classes"]![0]!["criteria"]!.AsArray().Single(c => (string?)c!["code"] == "đ")!["route"]!;
        route["confirmed"] = true;

        var edited = RuleSetCatalog.Parse(node.ToJsonString());

        Assert.True(StatusClassifier.Classify(ShippedRuleSets.Decision28, figures).Provisional);
        var result = StatusClassifier.Classify(edited, figures);
        Assert.Equal(CommuneStatus.KeyTypeI, result.Status);
        Assert.False(result.Provisional);
    }

    [Theory]
    [InlineData("\"value\": 2,", "\"valeu\": 2,", "valeu")]
    [InlineData("\"op\": \">=\", \"value\": 2,", "\"op\": \"band\", \"lower\": 3, \"upper\": 2,", "lower < upper")]
    [InlineData("\"value\": 2, \"confirmed\": true,", "\"value\": 2,", "confirmed: missing")]
    [InlineData("\"reference_statuses\": [ \"key_type_ii\", \"key_type_i\" ]", "\"reference_statuses\": [ \"drug_free_x\" ]", "route.reference_statuses")]
    [InlineData("\"min_criteria\": 3,", "\"min_criteria\": 6,", "min_criteria")]
    public void Faulty_rule_set_JSON_is_rejected_with_the_fault_named(string original, string replacement, string expectedInMessage)
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "decision-28-2025.json"));
        Assert.Contains(original, json);

        var error = Assert.Throws<RuleSetFormatException>(() => RuleSetCatalog.Parse(ReplaceFirst(json, original, replacement)));

        Assert.Contains(expectedInMessage, error.Message);
    }

    [Fact]
    public void Route_criterion_must_reference_a_class_of_the_same_rule_set()
    {
        var typeI = ShippedRuleSets.Decision3122.Classes[0];
        var routeCriterion = new CriterionRule
        {
            Code = "đ", Description = "tuyến",
            Route = new RouteRule { MinCriteria = 2, ReferenceStatuses = [CommuneStatus.KeyTypeIII], Confirmed = true },
        };
        var faulty = ShippedRuleSets.Decision3122 with
        {
            Classes = [typeI with { Criteria = [.. typeI.Criteria, routeCriterion] }],
        };

        var problems = RuleSetValidator.Problems(faulty);

        Assert.Contains(problems, p => p.Contains("key_type_iii is not a class"));
    }

    private static string ReplaceFirst(string text, string original, string replacement)
    {
        var at = text.IndexOf(original, StringComparison.Ordinal);
        return text[..at] + replacement + text[(at + original.Length)..];
    }
}
