using DiaBan.Analytics.Classification;

namespace DiaBan.Analytics.Tests.Classification;

/// <summary>
/// A status is provisional when an unconfirmed threshold (or count rule) decided it or could have changed it; a
/// criterion whose input is missing is unknown, never silently false.
/// </summary>
public class ProvisionalAndMissingInputTests
{
    // one class of three criteria, "at least min of them"; confirmed flags per criterion
    private static RuleSet TinyRuleSet(int min, bool aConfirmed = true, bool bConfirmed = true, bool cConfirmed = true) =>
        RuleSetCatalog.Parse($$"""
        {
          "id": "tiny", "version": 1, "name": "thử", "legal_basis": "kiểm thử", "regime": "28",
          "effective_from": "2025-08-24",
          "classes": [ {
            "status": "key_type_i", "label": "Loại I", "min_criteria": {{min}}, "min_criteria_confirmed": true,
            "criteria": [
              { "code": "a", "description": "a", "condition": { "measure": "users_count", "op": ">=", "value": 10, "confirmed": {{Json(aConfirmed)}} } },
              { "code": "b", "description": "b", "condition": { "measure": "harbouring_places_detected", "op": ">=", "value": 2, "confirmed": {{Json(bConfirmed)}} } },
              { "code": "c", "description": "c", "condition": { "measure": "offenders_count", "op": ">=", "value": 5, "confirmed": {{Json(cConfirmed)}} } }
            ] } ],
          "fallback": { "status": "has_drugs", "label": "Có ma túy" }
        }
        """);

    private static string Json(bool value) => value ? "true" : "false";

    private static IndicatorFigures Figures(int? users, int? places, int? offenders) =>
        Commune.Quiet() with { UsersAddictsManaged = users, HarbouringPlacesDetectedInPeriod = places, OffendersArrested = offenders };

    [Fact]
    public void Status_decided_only_by_confirmed_thresholds_is_not_provisional()
    {
        var result = StatusClassifier.Classify(TinyRuleSet(min: 2), Figures(10, 2, 0));

        Assert.Equal(CommuneStatus.KeyTypeI, result.Status);
        Assert.False(result.Provisional);
    }

    [Fact]
    public void Status_that_rests_on_an_unconfirmed_threshold_is_provisional()
    {
        var result = StatusClassifier.Classify(TinyRuleSet(min: 2, bConfirmed: false), Figures(10, 2, 0));

        Assert.Equal(CommuneStatus.KeyTypeI, result.Status);
        Assert.True(result.Criterion(CommuneStatus.KeyTypeI, "b").Provisional);
        Assert.True(result.Provisional);
    }

    [Fact]
    public void Unconfirmed_criterion_that_was_not_needed_does_not_make_the_status_provisional()
    {
        // a and c (confirmed) already make 2 of 3; b is unconfirmed but redundant
        var result = StatusClassifier.Classify(TinyRuleSet(min: 2, bConfirmed: false), Figures(10, 2, 5));

        Assert.Equal(CommuneStatus.KeyTypeI, result.Status);
        Assert.False(result.Provisional);
    }

    [Fact]
    public void Rejection_that_an_unconfirmed_threshold_could_reverse_is_provisional()
    {
        // a holds, c fails on an unconfirmed threshold: had c's threshold been lower the commune would be type I
        var provisional = StatusClassifier.Classify(TinyRuleSet(min: 2, cConfirmed: false), Figures(10, 0, 4));
        var confirmed = StatusClassifier.Classify(TinyRuleSet(min: 2), Figures(10, 0, 4));

        Assert.Equal(CommuneStatus.HasDrugs, provisional.Status);
        Assert.True(provisional.Provisional);
        Assert.Equal(CommuneStatus.HasDrugs, confirmed.Status);
        Assert.False(confirmed.Provisional);
    }

    [Fact]
    public void Unconfirmed_at_least_k_rule_makes_every_decision_on_that_class_provisional()
    {
        var json = RuleSetCatalog.ToJson(TinyRuleSet(min: 2)).Replace("\"min_criteria_confirmed\": true", "\"min_criteria_confirmed\": false");

        var result = StatusClassifier.Classify(RuleSetCatalog.Parse(json), Figures(10, 2, 5));

        Assert.Equal(CommuneStatus.KeyTypeI, result.Status);
        Assert.True(result.Provisional);
    }

    [Fact]
    public void Type_II_decided_by_confirmed_thresholds_and_confirmed_route_rule_is_not_provisional()
    {
        // b = 1 and 200 m² are confirmed type II thresholds; on the route they are also the two letters đ counts
        var figures = Commune.Quiet() with { HarbouringPlacesDetectedInPeriod = 1, PlantsDestroyedM2 = 200, OnKeyRoute = true };

        var result = StatusClassifier.Classify(ShippedRuleSets.Decision28, figures);

        Assert.Equal(CommuneStatus.KeyTypeII, result.Status);
        Assert.False(result.Criterion(CommuneStatus.KeyTypeII, "đ").Provisional);
        Assert.False(result.Provisional);
    }

    [Fact]
    public void Type_II_resting_on_the_unreadable_user_band_is_provisional()
    {
        var figures = Commune.Quiet() with { HarbouringPlacesDetectedInPeriod = 1, PlantsDestroyedM2 = 200, UsersAddictsManaged = 20 };

        var result = StatusClassifier.Classify(ShippedRuleSets.Decision28, figures);

        Assert.Equal(CommuneStatus.KeyTypeII, result.Status);
        Assert.False(result.Criterion(CommuneStatus.KeyTypeII, "a").Confirmed);
        Assert.True(result.Provisional);
    }

    [Fact]
    public void Criterion_with_a_missing_input_is_unknown_and_the_result_names_the_input()
    {
        var result = StatusClassifier.Classify(TinyRuleSet(min: 2), Figures(null, 2, 0));

        var a = result.Criterion(CommuneStatus.KeyTypeI, "a");
        Assert.Null(a.Held);
        Assert.Equal(IndicatorField.UsersAddictsManaged, a.MissingInputs);
        Assert.Contains(IndicatorField.UsersAddictsManaged, result.MissingInputs);
        // b holds and a is unknown: 1 or 2 of 3, so type I is open; the answer is "insufficient data", not a guess
        Assert.Null(result.Class(CommuneStatus.KeyTypeI).Holds);
        Assert.False(result.Determined);
        Assert.Equal(CommuneStatus.InsufficientData, result.Status);
        Assert.Equal("Chưa đủ dữ liệu", result.StatusLabel);
    }

    [Fact]
    public void Missing_input_that_cannot_change_the_outcome_leaves_the_status_determined()
    {
        var result = StatusClassifier.Classify(TinyRuleSet(min: 2), Figures(null, 2, 5));

        Assert.Equal(CommuneStatus.KeyTypeI, result.Status);
        Assert.True(result.Determined);
        Assert.Equal([IndicatorField.UsersAddictsManaged], result.MissingInputs);
    }

    [Fact]
    public void Missing_population_makes_both_rate_criteria_unknown()
    {
        var figures = Commune.Quiet() with { PopulationResident = null, UsersAddictsManaged = 80, OffendersArrested = 20 };

        var result = StatusClassifier.Classify(ShippedRuleSets.Decision28, figures);

        Assert.Null(result.Criterion(CommuneStatus.KeyTypeI, "a").Held);
        Assert.Null(result.Criterion(CommuneStatus.KeyTypeI, "c").Held);
        Assert.Contains(IndicatorField.PopulationResident, result.MissingInputs);
        Assert.False(result.Determined);
    }

    [Fact]
    public void Zero_population_is_treated_as_missing_not_divided_by()
    {
        var result = StatusClassifier.Classify(ShippedRuleSets.Decision28, Commune.Quiet(population: 0) with { UsersAddictsManaged = 3 });

        Assert.Null(result.Criterion(CommuneStatus.KeyTypeI, "a").Condition!.Input);
        Assert.Contains(IndicatorField.PopulationResident, result.MissingInputs);
    }

    [Fact]
    public void Unknown_key_route_leaves_criterion_đ_unknown_when_the_other_criteria_are_enough()
    {
        var figures = Commune.Quiet() with { HarbouringPlacesDetectedInPeriod = 2, UsersAddictsManaged = 60, OnKeyRoute = null };

        var result = StatusClassifier.Classify(ShippedRuleSets.Decision28, figures);

        Assert.Null(result.Criterion(CommuneStatus.KeyTypeI, "đ").Held);
        Assert.Null(result.Class(CommuneStatus.KeyTypeI).Holds);
        Assert.False(result.Determined);
        Assert.Contains(IndicatorField.OnKeyRoute, result.MissingInputs);
    }

    [Fact]
    public void Unknown_key_route_does_not_matter_when_too_few_criteria_hold()
    {
        var figures = Commune.Quiet() with { UsersAddictsManaged = 60, OnKeyRoute = null };

        var route = StatusClassifier.Classify(ShippedRuleSets.Decision28, figures).Criterion(CommuneStatus.KeyTypeI, "đ");

        Assert.False(route.Held);
    }

    [Fact]
    public void Missing_figure_keeps_a_commune_from_being_called_drug_free()
    {
        var figures = Commune.Quiet() with { HarbouringPlacesDetectedInPeriod = null };

        var result = StatusClassifier.Classify(ShippedRuleSets.Decision28, figures);

        Assert.Null(result.Class(CommuneStatus.DrugFree).Holds);
        Assert.NotEqual(CommuneStatus.DrugFree, result.Status);
        Assert.False(result.Determined);
    }

    [Fact]
    public void Figures_derived_from_incidents_are_flagged_per_field()
    {
        var figures = Commune.Quiet() with
        {
            DerivedFromIncidents = IndicatorField.OffendersArrested | IndicatorField.PlantsDestroyedM2,
        };

        Assert.True(figures.IsDerivedFromIncidents(IndicatorField.OffendersArrested));
        Assert.True(figures.IsDerivedFromIncidents(IndicatorField.PlantsDestroyedM2));
        Assert.False(figures.IsDerivedFromIncidents(IndicatorField.UsersAddictsManaged));
    }
}
