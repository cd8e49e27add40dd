using DiaBan.Analytics.Classification;

namespace DiaBan.Analytics.Tests.Classification;

/// <summary>
/// Each shipped rule set on partial figures: a class that holds whatever the missing figures are decides; a missing
/// figure that could change the class gives "insufficient data" naming it; no figures at all is insufficient data.
/// </summary>
public class PartialInputTests
{
    private static IndicatorFigures Nothing() => new() { UnitCode = "90001", Year = 2024 };

    [Theory]
    [InlineData("decision-3122-2010")]
    [InlineData("decision-28-2025")]
    public void A_commune_with_no_figures_is_insufficient_data_never_has_drugs(string ruleSetId)
    {
        var result = StatusClassifier.Classify(RuleSetCatalog.Embedded.Find(ruleSetId)!, Nothing());

        Assert.Equal(CommuneStatus.InsufficientData, result.Status);
        Assert.False(result.Determined);
        Assert.Contains(IndicatorField.UsersAddictsManaged, result.MissingInputs);
    }

    [Fact]
    public void Decision3122_type_I_criterion_that_holds_decides_whatever_is_missing()
    {
        var result = StatusClassifier.Classify(ShippedRuleSets.Decision3122, Nothing() with { UsersAddictsManaged = 150 });

        Assert.Equal(CommuneStatus.KeyTypeI, result.Status);
        Assert.True(result.Determined);
        Assert.Contains(IndicatorField.Hotspots, result.MissingInputs);
    }

    [Fact]
    public void Decision3122_missing_hotspots_that_could_make_type_I_gives_insufficient_data()
    {
        // 30 users is type III; 5 or more hotspots would make it type I
        var figures = Nothing() with { UsersAddictsManaged = 30, PlantsDestroyedM2 = 0, OffendersArrested = 1 };

        var result = StatusClassifier.Classify(ShippedRuleSets.Decision3122, figures);

        Assert.True(result.Class(CommuneStatus.KeyTypeIII).Holds);
        Assert.Null(result.Class(CommuneStatus.KeyTypeI).Holds);
        Assert.Equal(CommuneStatus.InsufficientData, result.Status);
        Assert.Equal([IndicatorField.Hotspots], result.MissingInputs);
    }

    [Fact]
    public void Decision3122_missing_offenders_cannot_make_no_drug_vice_once_users_are_reported()
    {
        // users > 0 already fails "no drug vice" (2 of 2): the missing offender count changes nothing
        var figures = Nothing() with { UsersAddictsManaged = 10, Hotspots = 0, PlantsDestroyedM2 = 0 };

        var result = StatusClassifier.Classify(ShippedRuleSets.Decision3122, figures);

        Assert.Equal(CommuneStatus.HasDrugs, result.Status);
        Assert.True(result.Determined);
        Assert.Contains(IndicatorField.OffendersArrested, result.MissingInputs);
    }

    [Fact]
    public void Decision28_type_I_that_holds_on_three_criteria_decides_with_plants_and_route_missing()
    {
        var figures = Commune.Quiet() with
        {
            UsersAddictsManaged = 60, HarbouringPlacesDetectedInPeriod = 2, OffendersArrested = 10,
            PlantsDestroyedCount = null, PlantsDestroyedM2 = null, OnKeyRoute = null,
        };

        var result = StatusClassifier.Classify(ShippedRuleSets.Decision28, figures);

        Assert.Equal(CommuneStatus.KeyTypeI, result.Status);
        Assert.True(result.Determined);
    }

    [Fact]
    public void Decision28_missing_plants_that_could_make_type_III_or_deny_drug_free_gives_insufficient_data()
    {
        var figures = Commune.Quiet() with { PlantsDestroyedCount = null, PlantsDestroyedM2 = null };

        var result = StatusClassifier.Classify(ShippedRuleSets.Decision28, figures);

        Assert.Equal(CommuneStatus.InsufficientData, result.Status);
        Assert.Null(result.Class(CommuneStatus.KeyTypeIII).Holds);
        Assert.Equal([IndicatorField.PlantsDestroyedCount, IndicatorField.PlantsDestroyedM2], result.MissingInputs);
    }

    [Fact]
    public void Decision28_missing_harbouring_places_that_cannot_change_the_class_still_decides_has_drugs()
    {
        // users 0.2 %: type II a alone; nothing else holds, so even 2 places could not reach 3 criteria
        var figures = Commune.Quiet() with { UsersAddictsManaged = 20, HarbouringPlacesDetectedInPeriod = null };

        var result = StatusClassifier.Classify(ShippedRuleSets.Decision28, figures);

        Assert.Equal(CommuneStatus.HasDrugs, result.Status);
        Assert.True(result.Determined);
    }

    [Fact]
    public void Decision28_a_rate_with_nobody_counted_is_zero_even_without_a_population()
    {
        var result = StatusClassifier.Classify(ShippedRuleSets.Decision28, Commune.Quiet() with { PopulationResident = null });

        Assert.Equal(CommuneStatus.DrugFree, result.Status);
        Assert.DoesNotContain(IndicatorField.PopulationResident, result.MissingInputs);
    }

    [Fact]
    public void A_rule_set_cannot_give_insufficient_data_itself()
    {
        var json = RuleSetCatalog.ToJson(ShippedRuleSets.Decision28).Replace(
            "\"status\": \"has_drugs\"", "\"status\": \"insufficient_data\"", StringComparison.Ordinal);

        var error = Assert.Throws<RuleSetFormatException>(() => RuleSetCatalog.Parse(json));
        Assert.Contains("fallback.status", error.Message);
    }
}
