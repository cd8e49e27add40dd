using DiaBan.Analytics.Classification;

namespace DiaBan.Analytics.Tests.Classification;

/// <summary>
/// Decision 28/2025 type II (at least 3, bands below type I, DOMAIN.md §1.4) and type III (at least 1, provisional
/// lower bands, §1.5). Populations are 10,000 so one person is 0.01 %.
/// </summary>
public class Decision28TypeIIAndIIITests
{
    private static readonly RuleSet Rules = ShippedRuleSets.Decision28;

    // the two other type II criteria that hold in the threshold tests below: one harbouring place, 200 m² of plants
    private static IndicatorFigures TwoTypeIICriteria(int harbouring = 1, double m2 = 200) =>
        Commune.Quiet() with { HarbouringPlacesDetectedInPeriod = harbouring, PlantsDestroyedM2 = m2 };

    [Fact]
    public void Commune_with_one_harbouring_place_medium_user_rate_and_some_plants_is_type_II()
    {
        var figures = TwoTypeIICriteria() with { UsersAddictsManaged = 20 };

        var result = StatusClassifier.Classify(Rules, figures);

        Assert.Equal(CommuneStatus.KeyTypeII, result.Status);
        Assert.Equal(3, result.Class(CommuneStatus.KeyTypeII).HeldCount);
    }

    [Fact]
    public void Two_type_II_criteria_are_not_enough_for_type_II()
    {
        var result = StatusClassifier.Classify(Rules, TwoTypeIICriteria());

        Assert.Equal(2, result.Class(CommuneStatus.KeyTypeII).HeldCount);
        Assert.NotEqual(CommuneStatus.KeyTypeII, result.Status);
    }

    // band [0.1 %, 0.5 %): 9 below the lower bound, 10 at it, 11 above; 49 inside, 50 at the upper bound (type I level)
    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    [InlineData(11, true)]
    [InlineData(49, true)]
    [InlineData(50, false)]
    public void Criterion_a_user_rate_band(int users, bool held)
    {
        AssertTypeII(TwoTypeIICriteria() with { UsersAddictsManaged = users }, "a", held);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(2, false)]
    public void Criterion_b_exactly_one_harbouring_place(int places, bool held)
    {
        var figures = Commune.Quiet() with { HarbouringPlacesDetectedInPeriod = places, UsersAddictsManaged = 20, PlantsDestroyedM2 = 200 };
        AssertTypeII(figures, "b", held);
    }

    // band [0.05 %, 0.1 %)
    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(6, true)]
    [InlineData(9, true)]
    [InlineData(10, false)]
    public void Criterion_c_arrest_rate_band(int offenders, bool held)
    {
        AssertTypeII(TwoTypeIICriteria() with { OffendersArrested = offenders }, "c", held);
    }

    [Theory]
    [InlineData(499, 0, false)]
    [InlineData(500, 0, true)]
    [InlineData(501, 0, true)]
    [InlineData(2999, 0, true)]
    [InlineData(3000, 0, false)]
    [InlineData(0, 124.9, false)]
    [InlineData(0, 125, true)]
    [InlineData(0, 125.1, true)]
    [InlineData(0, 749.9, true)]
    [InlineData(0, 750, false)]
    public void Criterion_d_plant_bands(int plants, double m2, bool held)
    {
        var figures = Commune.Quiet() with
        {
            HarbouringPlacesDetectedInPeriod = 1, UsersAddictsManaged = 20, PlantsDestroyedCount = plants, PlantsDestroyedM2 = m2,
        };
        AssertTypeII(figures, "d", held);
    }

    [Fact]
    public void Criterion_đ_makes_two_lower_criteria_on_a_key_route_count_as_a_third()
    {
        // a in the type II band and c in the type III band: two criteria of "type III or higher"
        var offRoute = Commune.Quiet() with { HarbouringPlacesDetectedInPeriod = 1, UsersAddictsManaged = 20, OffendersArrested = 1 };
        var onRoute = offRoute with { OnKeyRoute = true };

        var off = StatusClassifier.Classify(Rules, offRoute);
        var on = StatusClassifier.Classify(Rules, onRoute);

        Assert.False(off.Criterion(CommuneStatus.KeyTypeII, "đ").Held);
        Assert.NotEqual(CommuneStatus.KeyTypeII, off.Status);
        Assert.True(on.Criterion(CommuneStatus.KeyTypeII, "đ").Held);
        Assert.Equal(CommuneStatus.KeyTypeII, on.Status);
    }

    [Fact]
    public void Criterion_đ_needs_two_criteria_even_on_a_key_route()
    {
        // only b holds among a–d (at type II level); on the route that is one criterion, not two
        var figures = Commune.Quiet() with { HarbouringPlacesDetectedInPeriod = 1, OnKeyRoute = true };

        var route = StatusClassifier.Classify(Rules, figures).Criterion(CommuneStatus.KeyTypeII, "đ");

        Assert.False(route.Held);
        Assert.Equal(["b"], route.Route!.HeldCodes);
    }

    [Theory]
    [InlineData(1, 0, 0, 0, true)]   // 0.01 % users
    [InlineData(9, 0, 0, 0, true)]   // 0.09 %, still below the type II band
    [InlineData(10, 0, 0, 0, false)] // 0.1 % enters the type II band
    [InlineData(0, 1, 0, 0, true)]   // one arrested offender
    [InlineData(0, 4, 0, 0, true)]
    [InlineData(0, 5, 0, 0, false)]  // 0.05 % enters the type II band
    [InlineData(0, 0, 499, 0, true)]
    [InlineData(0, 0, 500, 0, false)]
    [InlineData(0, 0, 0, 124.9, true)]
    [InlineData(0, 0, 0, 125, false)]
    [InlineData(0, 0, 0, 0, false)]
    public void Type_III_needs_any_one_criterion_in_its_lower_band(int users, int offenders, int plants, double m2, bool typeIII)
    {
        var figures = Commune.Quiet() with
        {
            UsersAddictsManaged = users, OffendersArrested = offenders, PlantsDestroyedCount = plants, PlantsDestroyedM2 = m2,
        };

        var result = StatusClassifier.Classify(Rules, figures);

        Assert.Equal(typeIII, result.Class(CommuneStatus.KeyTypeIII).Holds);
        Assert.Equal(typeIII, result.Status == CommuneStatus.KeyTypeIII);
        // every type III threshold is a provisional reading
        if (typeIII) Assert.True(result.Provisional);
    }

    [Fact]
    public void Type_II_takes_precedence_over_type_III_when_both_hold()
    {
        // type II by a, b, d; one arrested offender also meets the type III reading of c
        var figures = TwoTypeIICriteria() with { UsersAddictsManaged = 20, OffendersArrested = 1 };

        var result = StatusClassifier.Classify(Rules, figures);

        Assert.True(result.Class(CommuneStatus.KeyTypeII).Holds);
        Assert.True(result.Class(CommuneStatus.KeyTypeIII).Holds);
        Assert.Equal(CommuneStatus.KeyTypeII, result.Status);
    }

    [Fact]
    public void Type_I_takes_precedence_over_type_II_when_both_hold()
    {
        // on a key route đ holds in both classes: a, b at type I level make type I; c, d in the type II bands make type II
        var figures = Commune.Quiet() with
        {
            UsersAddictsManaged = 60, HarbouringPlacesDetectedInPeriod = 2, OffendersArrested = 7, PlantsDestroyedM2 = 200,
            OnKeyRoute = true,
        };

        var result = StatusClassifier.Classify(Rules, figures);

        Assert.True(result.Class(CommuneStatus.KeyTypeI).Holds);
        Assert.True(result.Class(CommuneStatus.KeyTypeII).Holds);
        Assert.Equal(CommuneStatus.KeyTypeI, result.Status);
    }

    private static void AssertTypeII(IndicatorFigures figures, string criterion, bool held)
    {
        var result = StatusClassifier.Classify(Rules, figures);
        Assert.Equal(held, result.Criterion(CommuneStatus.KeyTypeII, criterion).Held);
        Assert.Equal(held, result.Status == CommuneStatus.KeyTypeII);
        Assert.Equal(held ? 3 : 2, result.Class(CommuneStatus.KeyTypeII).HeldCount);
    }
}
