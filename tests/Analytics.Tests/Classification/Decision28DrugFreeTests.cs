using DiaBan.Analytics.Classification;

namespace DiaBan.Analytics.Tests.Classification;

/// <summary>The provisional drug-free reading (DOMAIN.md §1.7): nothing drug-related at all; otherwise "has drugs".</summary>
public class Decision28DrugFreeTests
{
    private static readonly RuleSet Rules = ShippedRuleSets.Decision28;

    [Fact]
    public void Commune_with_nothing_reported_is_drug_free_provisionally()
    {
        var result = StatusClassifier.Classify(Rules, Commune.Quiet());

        Assert.Equal(CommuneStatus.DrugFree, result.Status);
        Assert.Equal("Xã, phường, đặc khu không ma túy", result.StatusLabel);
        Assert.True(result.Provisional);
        Assert.True(result.Determined);
    }

    [Theory]
    [InlineData(1, 0, 0, 0, 0)]
    [InlineData(0, 1, 0, 0, 0)]
    [InlineData(0, 0, 1, 0, 0)]
    [InlineData(0, 0, 0, 1, 0)]
    [InlineData(0, 0, 0, 0, 0.5)]
    public void Any_single_drug_figure_takes_away_drug_free(int users, int harbouring, int offenders, int plants, double m2)
    {
        var figures = Commune.Quiet() with
        {
            UsersAddictsManaged = users, HarbouringPlacesDetectedInPeriod = harbouring, OffendersArrested = offenders,
            PlantsDestroyedCount = plants, PlantsDestroyedM2 = m2,
        };

        var result = StatusClassifier.Classify(Rules, figures);

        Assert.False(result.Class(CommuneStatus.DrugFree).Holds);
        Assert.NotEqual(CommuneStatus.DrugFree, result.Status);
    }

    [Fact]
    public void Commune_between_the_provisional_bands_has_drugs()
    {
        // two harbouring places are above type II's "exactly one" and nothing else counts: no class holds
        var figures = Commune.Quiet() with { HarbouringPlacesDetectedInPeriod = 2 };

        var result = StatusClassifier.Classify(Rules, figures);

        Assert.Equal(CommuneStatus.HasDrugs, result.Status);
        Assert.Equal("Có ma túy (chưa đạt tiêu chí không ma túy)", result.StatusLabel);
        Assert.True(result.Provisional);
    }

    [Fact]
    public void Harbouring_places_still_active_at_the_end_are_not_what_the_shipped_rules_read()
    {
        // the shipped rule reads places discovered in the period; an active-at-end figure alone changes nothing
        var figures = Commune.Quiet() with { HarbouringPlacesActiveAtEnd = 3 };

        Assert.Equal(CommuneStatus.DrugFree, StatusClassifier.Classify(Rules, figures).Status);
    }
}
